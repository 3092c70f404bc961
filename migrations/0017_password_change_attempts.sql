-- Attempts at POST /auth/password/change per account in a window: counted in one atomic
-- statement before the current password is checked, so concurrent guesses cannot slip past.
CREATE TABLE password_change_attempts (
  user_id uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  attempts integer NOT NULL,
  window_started_at timestamptz NOT NULL
);
