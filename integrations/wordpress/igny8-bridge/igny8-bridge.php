<?php
/**
 * Plugin Name:       igny8 Bridge
 * Description:       Lets igny8 write SEO meta (Yoast SEO, Rank Math) and Article JSON-LD through the WordPress REST API.
 * Version:           1.0.0
 * Requires at least: 5.6
 * Requires PHP:      7.4
 * Author:            igny8
 * License:           GPL-2.0-or-later
 *
 * Yoast SEO's REST API is read-only and Rank Math registers its meta for REST only in some versions, so
 * without this plugin a REST client cannot set a post's SEO title, description or focus keyword. This file
 * registers exactly those post meta keys for REST writes by users who may edit the post, prints the Article
 * JSON-LD igny8 sends, and answers GET /igny8/v1/status so igny8 can tell it is there. Nothing else.
 */

if (!defined('ABSPATH')) {
    exit;
}

define('IGNY8_BRIDGE_VERSION', '1.0.0');

/** The meta keys igny8 writes, each a single string. */
function igny8_bridge_meta_keys()
{
    return array(
        '_yoast_wpseo_title' => 'Yoast SEO title',
        '_yoast_wpseo_metadesc' => 'Yoast SEO meta description',
        '_yoast_wpseo_focuskw' => 'Yoast SEO focus keyphrase',
        'rank_math_title' => 'Rank Math SEO title',
        'rank_math_description' => 'Rank Math meta description',
        'rank_math_focus_keyword' => 'Rank Math focus keyword',
        '_igny8_jsonld' => 'Article JSON-LD written by igny8',
    );
}

function igny8_bridge_register_meta()
{
    foreach (igny8_bridge_meta_keys() as $key => $description) {
        register_post_meta('post', $key, array(
            'type' => 'string',
            'description' => $description,
            'single' => true,
            'show_in_rest' => true,
            // Keys starting with "_" are protected: only someone who may edit this post writes them.
            'auth_callback' => function ($allowed, $meta_key, $post_id) {
                return current_user_can('edit_post', $post_id);
            },
            'sanitize_callback' => $key === '_igny8_jsonld' ? 'igny8_bridge_sanitize_jsonld' : 'sanitize_text_field',
        ));
    }
}
add_action('init', 'igny8_bridge_register_meta');

/** Only a JSON object is kept: anything else is stored as an empty string. */
function igny8_bridge_sanitize_jsonld($value)
{
    $decoded = json_decode((string) $value, true);
    return is_array($decoded) ? wp_json_encode($decoded) : '';
}

/** The Article JSON-LD on the post's own page; wp_json_encode escapes "/" so the data cannot close the script tag. */
function igny8_bridge_print_jsonld()
{
    if (!is_singular('post')) {
        return;
    }
    $decoded = json_decode((string) get_post_meta(get_queried_object_id(), '_igny8_jsonld', true), true);
    if (is_array($decoded)) {
        echo '<script type="application/ld+json">' . wp_json_encode($decoded) . "</script>\n";
    }
}
add_action('wp_head', 'igny8_bridge_print_jsonld');

function igny8_bridge_register_routes()
{
    register_rest_route('igny8/v1', '/status', array(
        'methods' => 'GET',
        'permission_callback' => function () {
            return current_user_can('edit_posts');
        },
        'callback' => function () {
            return array(
                'version' => IGNY8_BRIDGE_VERSION,
                'metaKeys' => array_keys(igny8_bridge_meta_keys()),
                'yoast' => defined('WPSEO_VERSION'),
                'rankMath' => class_exists('RankMath'),
            );
        },
    ));
}
add_action('rest_api_init', 'igny8_bridge_register_routes');
