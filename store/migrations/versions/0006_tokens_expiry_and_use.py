"""API tokens that expire and say when they were last used: an optional expiry, the last use
(written at most once a minute per token) and when a token was revoked."""

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("ALTER TABLE novex_tokens ADD COLUMN expires_at timestamptz")
    op.execute("ALTER TABLE novex_tokens ADD COLUMN last_used_at timestamptz")
    op.execute("ALTER TABLE novex_tokens ADD COLUMN revoked_at timestamptz")


def downgrade() -> None:
    for column in ("revoked_at", "last_used_at", "expires_at"):
        op.execute(f"ALTER TABLE novex_tokens DROP COLUMN {column}")
