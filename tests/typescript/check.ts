// What a front end writes against the generated module of the AuthOS catalog
// (`authos_errors::export::TypeScript`). The integration test `reference::export` type-checks it
// with `tsc --strict` beside that module and `demo-bodies.ts`, the error bodies the demo sent in
// the same test run, each typed as its format's interface.
import {
  ERROR_CODES,
  errorCodeInfo,
  isErrorCode,
  type ErrorBody,
  type ErrorCode,
  type OAuthErrorBody,
  type OAuthErrorCode,
  type ProblemDetails,
  type ScimErrorBody,
} from "./authos-errors";
import { authosBodies, oauthBodies, problemBodies, scimBodies } from "./demo-bodies";

type Screen =
  | "sign-in"
  | "forbidden"
  | "not-found"
  | "conflict"
  | "retry-later"
  | "contact-support"
  | "fix-input";

/** The screen for each code: a code added to the catalog fails to compile until it has a case. */
export function screenFor(code: ErrorCode): Screen {
  switch (code) {
    case "ACCOUNT_LOCKED":
    case "EMAIL_NOT_VERIFIED":
    case "INVALID_CREDENTIALS":
    case "INVALID_SCIM_TOKEN":
    case "JWT_ERROR":
    case "MFA_REQUIRED":
    case "TOKEN_EXPIRED":
    case "UNAUTHORIZED":
      return "sign-in";
    case "FORBIDDEN":
    case "NOT_ORGANIZATION_MEMBER":
    case "ORGANIZATION_NOT_ACTIVE":
    case "PLATFORM_OWNER_REQUIRED":
      return "forbidden";
    case "NOT_FOUND":
    case "SCIM_USER_NOT_FOUND":
      return "not-found";
    case "ALREADY_EXISTS":
    case "CONFLICT":
    case "SCIM_USER_EXISTS":
    case "USER_ALREADY_EXISTS":
    case "WEBHOOK_NAME_EXISTS":
      return "conflict";
    case "RATE_LIMIT_EXCEEDED":
      return "retry-later";
    case "DATABASE_ERROR":
    case "EMAIL_SEND_FAILED":
    case "ENCRYPTION_ERROR":
    case "INTERNAL_SERVER_ERROR":
    case "OAUTH_ERROR":
    case "STRIPE_ERROR":
      return "contact-support";
    case "BAD_REQUEST":
    case "DEVICE_CODE_EXPIRED":
    case "DEVICE_CODE_PENDING":
    case "INVALID_DEVICE_CODE":
    case "INVALID_EMAIL":
    case "INVALID_GRANT_TYPE":
    case "INVALID_MFA_CODE":
    case "INVALID_SAML_RESPONSE":
    case "INVALID_SLUG":
    case "INVALID_URL":
    case "INVALID_WEBHOOK_EVENT":
    case "INVALID_WEBHOOK_URL":
    case "INVITATION_ALREADY_ACCEPTED":
    case "INVITATION_EXPIRED":
    case "MFA_ALREADY_ENABLED":
    case "MFA_NOT_ENABLED":
    case "NAME_TOO_LONG":
    case "NAME_TOO_SHORT":
    case "NO_BACKUP_CODES":
    case "OAUTH_CODE_EXPIRED":
    case "OAUTH_STATE_MISMATCH":
    case "PROVIDER_NOT_CONFIGURED":
    case "RESERVED_SLUG":
    case "SAML_EXPIRED":
    case "SAML_NOT_CONFIGURED":
    case "SAML_SIGNATURE_INVALID":
    case "SCIM_FILTER_INVALID":
    case "SERVICE_LIMIT_EXCEEDED":
    case "SLUG_TOO_LONG":
    case "SLUG_TOO_SHORT":
    case "TEAM_LIMIT_EXCEEDED":
    case "WEAK_PASSWORD":
      return "fix-input";
    default: {
      const unhandled: never = code;
      throw new Error(`unhandled error code ${String(unhandled)}`);
    }
  }
}

// The map keeps literal types: what a status or a mapping is, is known at compile time.
const limited: { readonly status: 429; readonly retryable: true } = ERROR_CODES.RATE_LIMIT_EXCEEDED;
const pending: "authorization_pending" = ERROR_CODES.DEVICE_CODE_PENDING.oauth;
const taken: "uniqueness" = ERROR_CODES.SCIM_USER_EXISTS.scim;
const locked: false = ERROR_CODES.ACCOUNT_LOCKED.retryable;
export const literals = [limited, pending, taken, locked] as const;

/** An AuthOS body read from a response's text, or `undefined` when it is not one. */
export function parseErrorBody(text: string): ErrorBody | undefined {
  const value: unknown = JSON.parse(text);
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return undefined;
  }
  const { error, error_code, timestamp, request_id } = value as Record<string, unknown>;
  if (typeof error !== "string" || !isErrorCode(error_code) || typeof timestamp !== "string") {
    return undefined;
  }
  return typeof request_id === "string"
    ? { error, error_code, timestamp, request_id }
    : { error, error_code, timestamp };
}

/** Whether to try the same request again, and what the OAuth client saw. */
function retryHint(code: ErrorCode): string {
  const info = errorCodeInfo(code);
  const oauth: OAuthErrorCode | undefined = info.oauth;
  return `${info.retryable ? "retry" : "do not retry"}${oauth === undefined ? "" : ` (${oauth})`}`;
}

export function describeAuthOs(body: ErrorBody): string {
  const fields = (body.errors ?? []).map(
    (entry) => `${entry.pointer}: ${entry.error_code} ${entry.error} ${JSON.stringify(entry.details ?? {})}`,
  );
  const requestId = body.request_id ?? "-";
  return [
    `${screenFor(body.error_code)} ${body.error_code}: ${body.error} at ${body.timestamp} [${requestId}]`,
    retryHint(body.error_code),
    JSON.stringify(body.details ?? {}),
    ...fields,
  ].join("\n");
}

export function describeProblem(body: ProblemDetails): string {
  const status: number = ERROR_CODES[body.error_code].status;
  return `${body.type} ${body.title} ${body.status === status ? "" : "(status differs) "}${body.detail} ${
    body.instance ?? ""
  } ${body.resolution ?? ""} ${(body.errors ?? []).length}`;
}

export function describeOAuth(body: OAuthErrorBody): string {
  switch (body.error) {
    case "authorization_pending":
    case "slow_down":
      return `keep polling: ${body.error_code}`;
    case "expired_token":
      return `start again: ${body.error_description ?? body.error}`;
    default:
      return `${body.error}: ${body.error_description ?? ""} (${body.error_code}, ${body.timestamp})`;
  }
}

export function describeScim(body: ScimErrorBody): string {
  // The AuthOS code is an extension member: a SCIM client cannot count on it.
  const code = body.error_code === undefined ? "no AuthOS code" : screenFor(body.error_code);
  return `${body.schemas[0]} ${body.status} ${body.scimType ?? "-"}: ${body.detail} (${code})`;
}

export const described: readonly string[] = [
  ...authosBodies.map(describeAuthOs),
  ...problemBodies.map(describeProblem),
  ...oauthBodies.map(describeOAuth),
  ...scimBodies.map(describeScim),
  ...authosBodies.map((body) => parseErrorBody(JSON.stringify(body))?.error_code ?? "not a body"),
];
