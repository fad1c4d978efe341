<?php
// Runs Laravel's own get-or-create calls (Eloquent, standalone through Capsule) against a real
// database, through wire_capture.py, which writes what the server received as lockdemo transcripts.
//
// Usage (Debian's php with php-laravel-framework, php-pgsql, php-mysql), with wire_capture.py
// listening on PORT in front of the server:
//   php scripts/transcripts/laravel_capture.php --backend postgresql|mysql --isolation read-committed --port PORT
// scripts/transcripts.sh runs it for every database and isolation level.
//
// The calls, on the seed's model, each followed by the "long computation" (read the value, add one,
// save):
//   firstOrCreate-tx    DB::transaction(fn () => { $t = T::firstOrCreate($key); $t->some_value++; $t->save(); })
//   firstOrCreate       the same without the caller's transaction
//   updateOrCreate-tx   DB::transaction(fn () => T::updateOrCreate($key, ['some_value' => T::where($key)->value('some_value') + 1]))
//   updateOrCreate      the same without the caller's transaction
// updateOrCreate takes values, not a function of the row: the value is read first, without a lock,
// and written back, the read-modify-write that loses updates. Laravel 8 has no createOrFirst and
// no incrementOrCreate (Eloquent\Builder of 8.83 defines neither; they came with 10.x and 11.x):
// docs/frameworks.md gives them from source, not captured.
// Each case runs once uncaptured first. The session's isolation level is set when connecting
// (Laravel's isolation_level option), so no SET TRANSACTION is part of any call.

$autoload = '/usr/share/php/Illuminate/Database/autoload.php';
if (!is_readable($autoload) || !extension_loaded('pdo_pgsql') || !extension_loaded('pdo_mysql')) {
    fwrite(STDERR, "laravel_capture: Laravel is not installed; apt-get install php-laravel-framework php-pgsql php-mysql\n");
    exit(3);
}
require $autoload;

use Illuminate\Database\Capsule\Manager as DB;
use Illuminate\Database\Eloquent\Model;
use Illuminate\Database\QueryException;

$opts = getopt('', ['backend:', 'isolation:', 'host:', 'port:', 'database:']);
$backend = $opts['backend'] ?? null;
$isolation = $opts['isolation'] ?? 'read-committed';
if (!in_array($backend, ['postgresql', 'mysql'], true) || !isset($opts['port'])) {
    fwrite(STDERR, "laravel_capture: --backend postgresql|mysql and --port are required\n");
    exit(2);
}
$level = strtoupper(str_replace('-', ' ', $isolation));
$db = new DB();
$db->addConnection([
    'driver' => $backend === 'postgresql' ? 'pgsql' : 'mysql',
    'host' => $opts['host'] ?? '127.0.0.1',
    'port' => (int) $opts['port'],
    'database' => $opts['database'] ?? 'test',
    'username' => $backend === 'postgresql' ? 'postgres' : 'root',
    'password' => (string) getenv($backend === 'postgresql' ? 'PGPASSWORD' : 'MYSQL_PWD'),
    'charset' => $backend === 'postgresql' ? 'utf8' : 'utf8mb4',
    'collation' => $backend === 'postgresql' ? null : 'utf8mb4_unicode_ci',
    'isolation_level' => $level,
]);
$db->setAsGlobal();
$db->bootEloquent();
define('TABLE', 'lockdemo_laravel_' . getmypid());

class T extends Model
{
    public $timestamps = false;
    protected $guarded = [];

    public function getTable()
    {
        return TABLE;
    }
}

function marker(array $message): void
{
    $b64 = rtrim(strtr(base64_encode(json_encode($message)), '+/', '-_'), '=');
    DB::select("SELECT 'lockdemo-capture $b64'");
}

function compute(T $t): void
{
    $t->some_value = $t->some_value + 1; // the long computation: read the value, add one, save
    $t->save();
}

$cases = [
    'firstOrCreate-tx' => ['DB::transaction(function () { $t = T::firstOrCreate($key); $t->some_value++; $t->save(); })',
        fn ($key) => DB::transaction(fn () => compute(T::firstOrCreate($key)))],
    'firstOrCreate' => ['$t = T::firstOrCreate($key); $t->some_value++; $t->save(); (no transaction of the caller\'s)',
        fn ($key) => compute(T::firstOrCreate($key))],
    'updateOrCreate-tx' => ['DB::transaction(fn () => T::updateOrCreate($key, [\'some_value\' => T::where($key)->value(\'some_value\') + 1]))',
        fn ($key) => DB::transaction(fn () => T::updateOrCreate($key, ['some_value' => T::where($key)->value('some_value') + 1]))],
    'updateOrCreate' => ['T::updateOrCreate($key, [\'some_value\' => T::where($key)->value(\'some_value\') + 1]) (no transaction of the caller\'s)',
        fn ($key) => T::updateOrCreate($key, ['some_value' => T::where($key)->value('some_value') + 1])],
];

$source = file_get_contents('/usr/share/php/Illuminate/Foundation/Application.php');
$label = preg_match("/const VERSION = '(\\d+\\.\\d+)/", (string) $source, $m) ? 'Laravel ' . $m[1] : 'Laravel ?';

DB::schema()->create(TABLE, function ($t) {
    $t->id();
    $t->integer('jahr');
    $t->smallInteger('monat');
    $t->bigInteger('some_value')->default(0);
    $t->unique(['jahr', 'monat']);
});
$status = 0;
try {
    foreach ($cases as [, $call]) { // warm-up: absent, then present
        $call(['jahr' => 1, 'monat' => 1]);
        $call(['jahr' => 1, 'monat' => 1]);
    }
    $n = 1000;
    foreach ($cases as $name => [$text, $call]) {
        foreach (['absent', 'present', 'conflict'] as $path) {
            $key = ['jahr' => ++$n, 'monat' => 1];
            if ($path === 'present') {
                T::create($key);
            }
            $start = ['op' => 'start', 'framework' => 'laravel', 'case' => $name, 'path' => $path,
                'isolation' => $isolation, 'table' => TABLE, 'label' => $label,
                'script' => 'laravel_capture.php', 'call' => $text];
            if ($path === 'conflict') {
                $start['conflict'] = [$key['jahr'], $key['monat']];
            }
            marker($start);
            $sees = 'no error';
            try {
                $call($key);
            } catch (QueryException $e) {
                // errorInfo: [SQLSTATE, driver code, message]; the driver code is MySQL's error number
                $info = $e->errorInfo ?? [];
                $sees = 'QueryException ' . ($backend === 'postgresql' ? ($info[0] ?? '?') : ($info[1] ?? '?'));
            }
            marker(['op' => 'end', 'sees' => $sees]);
        }
    }
} finally {
    DB::schema()->dropIfExists(TABLE);
    marker(['op' => 'finish']);
}
