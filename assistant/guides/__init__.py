"""Reading memo files (YAML) into the core's Guide: schema, loader with lines, catalog."""
