<?php
// Router for `php -S`: WordPress runs from /usr/share/wordpress, while this test WordPress keeps
// its plugins, themes and uploads in its own content folder (IGNY8_WP_CONTENT), the way Debian's
// Apache alias serves /wp-content. Everything else is left to the built-in server (`return false`).
$path = rawurldecode((string) parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH));
if (strpos($path, '/wp-content/') === 0) {
    $root = realpath((string) getenv('IGNY8_WP_CONTENT'));
    $file = realpath($root . substr($path, strlen('/wp-content')));
    if ($root && $file && strpos($file, $root . '/') === 0 && is_file($file) && substr($file, -4) !== '.php') {
        header('Content-Type: ' . (mime_content_type($file) ?: 'application/octet-stream'));
        header('Content-Length: ' . filesize($file));
        readfile($file);
        return true;
    }
    http_response_code(404);
    return true;
}
return false;
