# Runs ActiveRecord's own get-or-create calls against a real database, through wire_capture.py,
# which writes what the server received as lockdemo transcripts.
#
# Usage (Debian's ruby with ruby-activerecord, ruby-pg, ruby-mysql2), with wire_capture.py
# listening on PORT in front of the server:
#   ruby scripts/transcripts/rails_capture.rb --backend postgresql|mysql --isolation read-committed --port PORT
# scripts/transcripts.sh runs it for every database and isolation level.
#
# The calls, on the seed's model (jahr, monat unique together, some_value the counter), each
# followed by the "long computation": read the value, add one, save:
#   create_or_find_by-tx    T.transaction { t = T.create_or_find_by(jahr:, monat:); ...; t.save! }
#   find_or_create_by-tx    T.transaction { t = T.find_or_create_by(jahr:, monat:); ...; t.save! }
#   create_or_find_by       the same without the caller's transaction
#   find_or_create_by       the same without the caller's transaction
# Each case runs once uncaptured first (other keys), so that ActiveRecord's lazy schema and type
# queries are not in the transcripts. The session's isolation level is set when connecting
# (variables:), as Django's capture does, so no SET TRANSACTION is part of any call.
require "base64"
require "json"
require "optparse"

begin
  require "active_record"
rescue LoadError
  abort "rails_capture: ActiveRecord is not installed; apt-get install ruby-activerecord ruby-pg ruby-mysql2"
end

opts = { host: "127.0.0.1", isolation: "read-committed", database: "test" }
OptionParser.new do |o|
  o.on("--backend B", %w[postgresql mysql]) { |v| opts[:backend] = v }
  o.on("--isolation I", %w[read-committed repeatable-read]) { |v| opts[:isolation] = v }
  o.on("--host H") { |v| opts[:host] = v }
  o.on("--port P", Integer) { |v| opts[:port] = v }
  o.on("--database D") { |v| opts[:database] = v }
end.parse!
abort "rails_capture: --backend and --port are required" unless opts[:backend] && opts[:port]

level = opts[:isolation].tr("-", " ").upcase
config = { host: opts[:host], port: opts[:port], database: opts[:database] }
if opts[:backend] == "postgresql"
  config.merge!(adapter: "postgresql", username: "postgres", password: ENV["PGPASSWORD"],
                variables: { default_transaction_isolation: level.downcase })
else
  # MariaDB 10.11 names the session variable tx_isolation (transaction_isolation from 11.1)
  config.merge!(adapter: "mysql2", username: "root", password: ENV["MYSQL_PWD"],
                variables: { tx_isolation: level.tr(" ", "-") })
end
ActiveRecord::Base.establish_connection(config)
TABLE = "lockdemo_rails_#{Process.pid}"

class T < ActiveRecord::Base
end
T.table_name = TABLE

def marker(message)
  T.connection.execute("SELECT 'lockdemo-capture #{Base64.urlsafe_encode64(JSON.generate(message), padding: false)}'")
end

def code_of(e)
  cause = e.cause
  return cause.result.error_field(PG::PG_DIAG_SQLSTATE) if defined?(PG::Error) && cause.is_a?(PG::Error) && cause.result
  return cause.error_number.to_s if defined?(Mysql2::Error) && cause.is_a?(Mysql2::Error)
  "?"
end

def compute(t)
  t.some_value = t.some_value + 1 # the long computation: read the value, add one, save
  t.save!
end

CASES = {
  "create_or_find_by-tx" => ["T.transaction { t = T.create_or_find_by(jahr: j, monat: m); t.some_value += 1; t.save! }",
                             ->(j, m) { T.transaction { compute(T.create_or_find_by(jahr: j, monat: m)) } }],
  "find_or_create_by-tx" => ["T.transaction { t = T.find_or_create_by(jahr: j, monat: m); t.some_value += 1; t.save! }",
                             ->(j, m) { T.transaction { compute(T.find_or_create_by(jahr: j, monat: m)) } }],
  "create_or_find_by" => ["t = T.create_or_find_by(jahr: j, monat: m); t.some_value += 1; t.save! (no transaction of the caller's)",
                          ->(j, m) { compute(T.create_or_find_by(jahr: j, monat: m)) }],
  "find_or_create_by" => ["t = T.find_or_create_by(jahr: j, monat: m); t.some_value += 1; t.save! (no transaction of the caller's)",
                          ->(j, m) { compute(T.find_or_create_by(jahr: j, monat: m)) }],
}.freeze
PATHS = %w[absent present conflict].freeze

ActiveRecord::Migration.verbose = false
ActiveRecord::Schema.define do
  create_table TABLE do |t|
    t.integer :jahr, null: false
    t.integer :monat, limit: 2, null: false
    t.bigint :some_value, null: false, default: 0
    t.index %i[jahr monat], unique: true
  end
end
label = "ActiveRecord #{ActiveRecord::VERSION::MAJOR}.#{ActiveRecord::VERSION::MINOR}"
begin
  CASES.each_value { |_, call| [1, 2].each { |m| call.call(1, m) } } # warm-up: absent, then present
  key = 1000
  CASES.each do |name, (text, call)|
    PATHS.each do |path|
      key += 1
      jahr, monat = key, 1
      T.create!(jahr: jahr, monat: monat) if path == "present"
      start = { op: "start", framework: "rails", case: name, path: path, isolation: opts[:isolation], table: TABLE,
                label: label, script: "rails_capture.rb", call: text }
      start[:conflict] = [jahr, monat] if path == "conflict"
      marker(start)
      sees = "no error"
      begin
        call.call(jahr, monat)
      rescue ActiveRecord::ActiveRecordError => e
        sees = e.is_a?(ActiveRecord::StatementInvalid) ? "#{e.class} #{code_of(e)}" : e.class.to_s
      end
      marker(op: "end", sees: sees)
    end
  end
ensure
  T.connection.drop_table(TABLE, if_exists: true)
  marker(op: "finish")
end
