-- Outbound webhooks: other systems subscribe to the public events of cases (all, or those of
-- one agency's cases). Each matching event becomes a delivery row in the same transaction as
-- the event; a periodic task sends the due deliveries, signed with the subscription's secret,
-- and retries with backoff. The secret is kept as issued: it is needed to sign (never shown again).

CREATE TABLE webhook_subscriptions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  url text NOT NULL CHECK (url ~* '^https?://' AND char_length(url) <= 2000),
  -- set: only events of cases this agency holds
  agency_id bigint REFERENCES agencies (id),
  -- empty: every public event type
  event_types text[] NOT NULL DEFAULT '{}',
  secret text NOT NULL,
  consecutive_failures integer NOT NULL DEFAULT 0,
  -- set after too many failures in a row: nothing is sent or queued until an admin resumes it
  paused_at timestamptz,
  -- set: deleted by an admin (kept for its delivery log)
  disabled_at timestamptz,
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
-- the enqueue statement reads only the live subscriptions
CREATE INDEX webhook_subscriptions_live ON webhook_subscriptions (agency_id)
  WHERE paused_at IS NULL AND disabled_at IS NULL;
CREATE TRIGGER webhook_subscriptions_updated_at BEFORE UPDATE ON webhook_subscriptions
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- One event to send to one subscription. What is sent is fixed when the event happens (the
-- case's code, state and agency then), so that a retry sends the same body.
CREATE TABLE webhook_deliveries (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  subscription_id uuid NOT NULL REFERENCES webhook_subscriptions (id),
  event_id bigint NOT NULL,
  event_type text NOT NULL,
  event_at timestamptz NOT NULL,
  case_id uuid NOT NULL REFERENCES cases (id),
  case_code text NOT NULL,
  case_state text NOT NULL,
  agency_code text,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  -- a sender claimed it until then: the HTTP call runs outside any transaction
  locked_until timestamptz,
  delivered_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE TRIGGER webhook_deliveries_updated_at BEFORE UPDATE ON webhook_deliveries
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX webhook_deliveries_subscription ON webhook_deliveries (subscription_id, created_at DESC);

-- Every attempt of a delivery, for the admins' delivery log.
CREATE TABLE webhook_delivery_attempts (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  delivery_id uuid NOT NULL REFERENCES webhook_deliveries (id),
  attempt integer NOT NULL,
  status_code integer,
  error text,
  duration_ms integer NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  -- never changed; the column keeps every table alike
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX webhook_delivery_attempts_delivery ON webhook_delivery_attempts (delivery_id, attempt);
