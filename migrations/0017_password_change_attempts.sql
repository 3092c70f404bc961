-- Attempts at POST /auth/password/change per account in a window: counted in one atomic
-- statement before the current password is checked, so concurrent guesses cannot slip past.
CREATE TABLE password_change_attempts (
  user_id uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  attempts integer NOT NULL,
  window_started_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE TRIGGER password_change_attempts_updated_at BEFORE UPDATE ON password_change_attempts
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();
