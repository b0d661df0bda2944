// Every error code Latch itself sends, with its HTTP status, its OpenAI-style type, whether an SDK
// may retry it, and what the message says. The error classes take their code from here (so a new
// code is added here first), and the OpenAPI document and the error table in docs/api.md are
// generated from it. Provider errors passed through keep the provider's own code.
import type { ErrorType } from "@/lib/errors";

export type ErrorSpec = { status: number; type: ErrorType; retryable: boolean; message: string };

const spec = (status: number, type: ErrorType, message: string, retryable = false): ErrorSpec => ({ status, type, retryable, message });
const invalid = (message: string, status = 400) => spec(status, "invalid_request_error", message);
const denied = (message: string) => spec(403, "permission_error", message);
const missing = (message: string) => spec(404, "not_found_error", message);

export const ERROR_CATALOG = {
  // 400 and other client errors
  invalid_request_error: invalid("The request is invalid; `param` names the field."),
  invalid_json: invalid("The body is not valid JSON."),
  invalid_value: invalid("A field has a value outside what it accepts."),
  unknown_parameter: invalid("The body has a field the operation does not take."),
  invalid_url: invalid(
    "The URL is malformed: not an absolute http(s) URL without credentials, a host that does not resolve, or a request path that is not a URL.",
  ),
  base_url_required: invalid("The provider needs a base URL."),
  region_required: invalid("The cloud provider needs a region."),
  cannot_deactivate_self: invalid("A member cannot deactivate themselves."),
  unsupported_endpoint: invalid("The model's provider does not serve this endpoint."),
  url_not_allowed: invalid("The URL points at an address Latch does not call (private, loopback or metadata)."),
  secret_required: invalid("The credential needs its secret."),
  domain_not_owned: invalid("The e-mail domain is not verified for this organization."),
  idp_connection_unverified: invalid("The identity provider connection has not passed its test sign-in."),
  grant_exceeds_request: invalid("The approval grants more than was requested."),
  justification_required: invalid("The request needs a justification."),
  key_not_suspended: invalid("Only a suspended key can be resumed."),
  last_admin: invalid("The organization must keep at least one admin."),
  owner_inactive: invalid("The key's owner is deactivated."),
  request_too_expensive: invalid("The request's worst case exceeds the per-request cap."),
  unbounded_cost: invalid("The request's cost has no bound before the answer, and the key has a budget or a per-request cap."),
  idempotency_key_reused: invalid("This Idempotency-Key was used for a different request."),
  guardrails_invalid: invalid("The guardrail settings are invalid."),
  request_too_large: invalid("The body exceeds the size limit.", 413),
  prompt_too_large_to_classify: invalid("The prompt is too large for data classification.", 413),
  already_exists: invalid("An object with this name already exists.", 409),
  already_subscribed: invalid("The organization already has a subscription.", 409),
  idempotency_key_in_use: invalid("A request with this Idempotency-Key is still in progress.", 409),
  no_billing_account: invalid("The organization has no billing account yet.", 409),
  request_not_pending: invalid("The key request was already decided.", 409),
  secret_already_revealed: invalid("The secret was shown once and cannot be shown again.", 410),
  too_many_pending_requests: invalid("Too many key requests are waiting for a decision.", 429),
  method_not_allowed: invalid("The path does not take this method.", 405),
  tag_not_allowed: invalid("A request tag tries to set a dimension the key fixes itself, or one it does not let requests set."),
  invalid_tag: invalid("A request tag names a dimension the key does not let requests set, or a value it does not allow."),
  invalid_dimension: invalid("An attribution dimension or its value is not one the organization defined."),
  dimension_required: invalid("The organization requires a value for this attribution dimension."),
  default_above_maximum: invalid("A default is above the maximum it must fit within."),
  domain_not_claimed: invalid("The e-mail's domain is not one of the organization's."),
  exceeds_parent: invalid("A child key's policy may only narrow its parent's."),

  // 401
  invalid_api_key: spec(401, "authentication_error", "The API key is missing, malformed or unknown."),
  key_expired: spec(401, "authentication_error", "The API key has expired."),
  invalid_management_token: spec(401, "authentication_error", "The management token is missing or unknown."),
  management_token_expired: spec(401, "authentication_error", "The management token has expired."),

  // 403
  forbidden: denied("The caller's role does not allow this."),
  user_required: denied("Only a signed-in user can do this."),
  own_request: denied("A key request cannot be approved by the person who made it."),
  scope_not_grantable: denied("The token cannot grant a scope its creator lacks."),
  not_team_member: denied("The user is not a member of the team."),
  key_pending: denied("The key is waiting for approval."),
  key_revoked: denied("The key has been revoked."),
  key_suspended: denied("The key is suspended."),
  ip_not_allowed: denied("The client address is not in the key's allowlist."),
  model_not_allowed: denied("The key may not use this model."),
  provider_not_allowed: denied("The key may not use this provider."),
  model_unpriced: denied("The model has no price, and the organization refuses unpriced models."),
  data_classification_blocked: denied("The prompt contains data the organization's classification policy blocks."),
  guardrail_forbidden: denied("A guardrail refused the request."),
  plan_limit_reached: denied("The organization's plan allows no more of these."),
  plan_upgrade_required: denied("The organization's plan does not include this."),
  delegation_not_allowed: denied("The key may not mint child keys, or has as many live ones as it may."),

  // 404
  not_found: missing("Not found."),
  unknown_url: missing("No endpoint at this path."),
  billing_off: missing("Billing is not enabled on this instance."),
  key_not_found: missing("No such key."),
  member_not_found: missing("No such member."),
  model_not_found: missing("No such model for this key."),
  model_route_not_found: missing("No such model route."),
  org_not_found: missing("No such organization."),
  price_not_found: missing("No such price."),
  provider_not_found: missing("No such provider credential."),
  request_not_found: missing("No such request."),
  response_not_found: missing("No such stored response."),
  team_not_found: missing("No such team."),
  token_not_found: missing("No such management token."),
  idp_connection_not_found: missing("No such identity provider connection."),
  dimension_not_found: missing("No such attribution dimension."),
  mcp_server_not_found: missing("No such MCP server."),

  // 429
  rate_limit_exceeded: spec(429, "rate_limit_error", "The key's request or token rate limit is reached; retry after `Retry-After`.", true),
  concurrency_limit_exceeded: spec(429, "rate_limit_error", "The key has its maximum of requests in flight.", true),
  too_many_failed_attempts: spec(429, "rate_limit_error", "Too many unknown keys from this address; retry later.", true),
  budget_exceeded: spec(429, "rate_limit_error", "A spend cap (key, owner, team or org) is reached until its period resets."),
  token_quota_exceeded: spec(429, "rate_limit_error", "A token quota is reached until its period resets."),
  degrade_throttled: spec(429, "rate_limit_error", "A degrade rule throttles this scope's requests near its cap; retry after `Retry-After`.", true),

  // 5xx
  internal_error: spec(500, "server_error", "Internal server error.", true),
  upstream_error: spec(502, "server_error", "The provider answered with an error.", true),
  upstream_auth_failed: spec(502, "server_error", "The provider refused the organization's credential.", true),
  upstream_invalid_response: spec(502, "server_error", "The provider returned a response Latch could not read.", true),
  upstream_stream_error: spec(502, "server_error", "The provider's stream broke off.", true),
  mcp_token_refused: spec(502, "server_error", "An MCP server's token endpoint refused Latch's client credentials, or could not be reached.", true),
  upstream_timeout: spec(504, "server_error", "The provider did not answer in time.", true),
  instance_lost: spec(
    502,
    "server_error",
    "The Latch instance serving the request stopped after sending it to the provider; it was recorded at its reservation.",
    true,
  ),
  limits_unavailable: spec(503, "server_error", "Usage limits could not be checked (the shared store is unreachable).", true),
  org_unavailable: spec(503, "server_error", "The organization could not be loaded.", true),
  no_organization: spec(503, "server_error", "This instance has no organization yet.", true),
} as const satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof typeof ERROR_CATALOG;

/**
 * Codes met with another status as well, through another route to the same condition (a revoked
 * key is a 403 on the data plane and a 400/409 when managed). Listed so the table says so.
 */
export const ALSO_SENT_AS: Partial<Record<ErrorCode, number[]>> = {
  key_revoked: [400, 409],
  unsupported_endpoint: [404],
};

export function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(ERROR_CATALOG, code);
}
