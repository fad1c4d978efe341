"""scripts/startup.sh: one line "total jvm_to_command embedded_server database_setup" (ms) from a
result's startup_millis and startup_phases_millis.
Usage: startup_phases.py RESULT.json"""
import json, sys
r = json.load(open(sys.argv[1]))
p = r["startup_phases_millis"]
print(r["startup_millis"], p["jvm_to_command"], p.get("embedded_server", 0), p["database_setup"])
