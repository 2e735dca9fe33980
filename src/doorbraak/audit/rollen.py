"""PostgreSQL roles: the table owner runs the migrations, the app runs with fewer rights.

The app role may read and write the ordinary tables but only SELECT and INSERT on the append-only
ones, has no TRUNCATE anywhere and owns nothing, so it can neither disable their triggers nor get
around them (`pgtrigger.ignore`, `session_replication_role`). See README, 'Databaserollen'.
"""

from django.apps import apps
from psycopg import sql


def alleen_toevoegen_tabellen() -> list[str]:
    """The tables whose models carry the append-only triggers (doorbraak.alleen_toevoegen)."""
    return sorted(
        model._meta.db_table
        for model in apps.get_models()
        if any(t.name == "alleen_toevoegen" for t in getattr(model._meta, "triggers", []))
    )


def rollen_sql(*, eigenaar: str, app: str, database: str, schema: str = "public") -> list[str]:
    """Once, as a superuser, before the first migration: both roles and default privileges."""
    e, a, s = sql.Identifier(eigenaar), sql.Identifier(app), sql.Identifier(schema)
    maak = (
        "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = {naam}) THEN "
        "CREATE ROLE {rol} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS; END IF; END $$"
    )
    return [
        sql.SQL(maak).format(naam=sql.Literal(eigenaar), rol=e),
        sql.SQL(maak).format(naam=sql.Literal(app), rol=a),
        sql.SQL("GRANT CONNECT ON DATABASE {} TO {}, {}").format(sql.Identifier(database), e, a),
        sql.SQL("ALTER SCHEMA {} OWNER TO {}").format(s, e),
        sql.SQL("REVOKE CREATE ON SCHEMA {} FROM PUBLIC").format(s),
        sql.SQL("GRANT USAGE ON SCHEMA {} TO {}").format(s, a),
        sql.SQL(
            "ALTER DEFAULT PRIVILEGES FOR ROLE {} IN SCHEMA {} "
            "GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {}"
        ).format(e, s, a),
        sql.SQL(
            "ALTER DEFAULT PRIVILEGES FOR ROLE {} IN SCHEMA {} "
            "GRANT USAGE, SELECT ON SEQUENCES TO {}"
        ).format(e, s, a),
    ]


def rechten_sql(*, app: str, schema: str = "public") -> list[str]:
    """After every migration, as the owner: the app's rights on the tables as they are now."""
    a, s = sql.Identifier(app), sql.Identifier(schema)
    tabellen = sql.SQL(", ").join(sql.Identifier(schema, t) for t in alleen_toevoegen_tabellen())
    return [
        sql.SQL("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {} TO {}").format(
            s, a
        ),
        sql.SQL("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {} TO {}").format(s, a),
        sql.SQL("REVOKE TRUNCATE, REFERENCES, TRIGGER ON ALL TABLES IN SCHEMA {} FROM {}").format(
            s, a
        ),
        sql.SQL("REVOKE UPDATE, DELETE ON {} FROM {}").format(tabellen, a),
    ]
