<?php
// Run with php-cli after the web install: creates an application password for user 1 and activates
// the plugins named in IGNY8_WP_PLUGINS (comma-separated "folder/file.php"). Prints JSON.
$_SERVER['HTTP_HOST'] = getenv('IGNY8_WP_HOST');
$_SERVER['REQUEST_URI'] = '/';
define('WP_ADMIN', true);
require '/usr/share/wordpress/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/plugin.php';
// Plain permalinks: the REST API answers only at /index.php?rest_route=/…, as on sites without rewrites.
update_option('permalink_structure', '');
$activated = array();
foreach (array_filter(explode(',', (string) getenv('IGNY8_WP_PLUGINS'))) as $plugin) {
    $result = activate_plugin($plugin);
    if (is_wp_error($result)) {
        fwrite(STDERR, $result->get_error_message() . "\n");
        exit(1);
    }
    $activated[] = $plugin;
}
$created = WP_Application_Passwords::create_new_application_password(1, array('name' => 'igny8 tests'));
if (is_wp_error($created)) {
    fwrite(STDERR, $created->get_error_message() . "\n");
    exit(1);
}
echo json_encode(array('appPassword' => $created[0], 'activated' => $activated));
