<?php
// /etc/wordpress/config-127.0.0.1.php, written by igny8's test harness (e2e/wordpress). Debian's
// WordPress picks this file by host name, so every test WordPress on 127.0.0.1 shares it: each one
// names its own database and content folder in the environment of its `php -S` (and php-cli) process.
define('DB_NAME', getenv('IGNY8_WP_DB') ?: 'wordpress');
define('DB_USER', getenv('IGNY8_WP_DB_USER') ?: 'wordpress');
define('DB_PASSWORD', getenv('IGNY8_WP_DB_PASSWORD') ?: '');
define('DB_HOST', '127.0.0.1:3306');
define('WP_CONTENT_DIR', getenv('IGNY8_WP_CONTENT') ?: '/var/lib/wordpress/wp-content');
// Application passwords work over plain http only in a local environment.
define('WP_ENVIRONMENT_TYPE', 'local');
define('DISABLE_WP_CRON', true);
define('AUTOMATIC_UPDATER_DISABLED', true);
define('WP_HTTP_BLOCK_EXTERNAL', true);
