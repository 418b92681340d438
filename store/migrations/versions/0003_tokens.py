"""API tokens, stored as SHA-256 hashes with the actor, role and scope they stand for."""

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        """
        CREATE TABLE novex_tokens (
          token_hash text PRIMARY KEY,
          actor text NOT NULL,
          role text NOT NULL,
          scope text,
          created_at timestamptz NOT NULL DEFAULT now(),
          revoked boolean NOT NULL DEFAULT false
        )
        """
    )


def downgrade() -> None:
    op.execute("DROP TABLE novex_tokens")
