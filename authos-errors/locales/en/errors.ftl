# Error messages by error code, in the catalog's source language (generated: do not edit).
# To translate, copy this file to locales/<language>/errors.ftl and rewrite each text after `=`;
# keep the `{ $variable }` placeholders (a translation may use fewer, never others), and give a
# `.description` attribute where the source has one.

## General Errors

BAD_REQUEST = Invalid request parameters or malformed JSON
UNAUTHORIZED = Missing or invalid authentication
FORBIDDEN = Valid credentials but insufficient permissions
NOT_FOUND = Requested resource does not exist
CONFLICT = Resource already exists or state conflict
RATE_LIMIT_EXCEEDED = Too many requests
INTERNAL_SERVER_ERROR = Unexpected server error

## Authentication Errors

# UNAUTHORIZED is translated under General Errors; here its English text is: Missing or invalid credentials
TOKEN_EXPIRED = JWT has expired
JWT_ERROR = Invalid JWT signature or format
INVALID_CREDENTIALS = Wrong email or password
EMAIL_NOT_VERIFIED = Account email not verified
ACCOUNT_LOCKED = Too many failed attempts

## Authorization Errors

# FORBIDDEN is translated under General Errors; here its English text is: Insufficient permissions
ORGANIZATION_NOT_ACTIVE = Organization suspended/pending
NOT_ORGANIZATION_MEMBER = Not a member of organization
PLATFORM_OWNER_REQUIRED = Platform owner access needed

## Validation Errors

INVALID_EMAIL = Invalid email format
WEAK_PASSWORD = Password doesn’t meet requirements
INVALID_SLUG = Invalid slug format
RESERVED_SLUG = Slug is reserved
SLUG_TOO_SHORT = Slug less than 3 characters
SLUG_TOO_LONG = Slug more than 50 characters
NAME_TOO_SHORT = Name less than 2 characters
NAME_TOO_LONG = Name more than 100 characters
INVALID_URL = URL format invalid

## Resource Errors

# NOT_FOUND is translated under General Errors; here its English text is: Resource not found
ALREADY_EXISTS = Resource already exists
SERVICE_LIMIT_EXCEEDED = Max services for tier
TEAM_LIMIT_EXCEEDED = Max members for tier
USER_ALREADY_EXISTS = User with email exists
INVITATION_EXPIRED = Invitation link expired
INVITATION_ALREADY_ACCEPTED = Invitation already used

## MFA Errors

MFA_REQUIRED = MFA verification needed
INVALID_MFA_CODE = Wrong TOTP or backup code
MFA_NOT_ENABLED = MFA not set up for user
MFA_ALREADY_ENABLED = MFA already active
NO_BACKUP_CODES = No backup codes available

## Device Flow Errors

DEVICE_CODE_EXPIRED = Device code expired
DEVICE_CODE_PENDING = User hasn’t authorized yet
INVALID_DEVICE_CODE = Device code not found
INVALID_GRANT_TYPE = Wrong grant_type value

## OAuth Errors

OAUTH_ERROR = OAuth provider error
OAUTH_STATE_MISMATCH = CSRF state mismatch
OAUTH_CODE_EXPIRED = Authorization code expired
PROVIDER_NOT_CONFIGURED = OAuth provider not set up

## SAML Errors

SAML_NOT_CONFIGURED = SAML not configured
INVALID_SAML_RESPONSE = SAML response invalid
SAML_SIGNATURE_INVALID = SAML signature failed
SAML_EXPIRED = SAML assertion expired

## SCIM Errors

INVALID_SCIM_TOKEN = SCIM token invalid/expired
SCIM_USER_EXISTS = User already exists
SCIM_USER_NOT_FOUND = SCIM user not found
SCIM_FILTER_INVALID = Invalid filter syntax

## Webhook Errors

INVALID_WEBHOOK_URL = URL not HTTP(S)
INVALID_WEBHOOK_EVENT = Unknown event type
WEBHOOK_NAME_EXISTS = Webhook name taken

## Infrastructure Errors

DATABASE_ERROR = Database operation failed
STRIPE_ERROR = Billing system error
EMAIL_SEND_FAILED = Email delivery failed
ENCRYPTION_ERROR = Encryption/decryption failed
