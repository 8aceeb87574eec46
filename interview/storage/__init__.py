"""SQLite storage through sqlite-utils: schema, migrations, repositories. No UI imports."""
