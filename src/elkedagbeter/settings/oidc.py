"""OpenID Connect single sign-on settings, read only when OIDC_RP_CLIENT_ID is set."""

from __future__ import annotations

from .env import env_bool, env_str

OIDC_RP_CLIENT_SECRET = env_str("OIDC_RP_CLIENT_SECRET")
OIDC_RP_SIGN_ALGO = env_str("OIDC_RP_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = env_str("OIDC_RP_SCOPES", "openid email profile")
OIDC_OP_AUTHORIZATION_ENDPOINT = env_str("OIDC_OP_AUTHORIZATION_ENDPOINT")
OIDC_OP_TOKEN_ENDPOINT = env_str("OIDC_OP_TOKEN_ENDPOINT")
OIDC_OP_USER_ENDPOINT = env_str("OIDC_OP_USER_ENDPOINT")
OIDC_OP_JWKS_ENDPOINT = env_str("OIDC_OP_JWKS_ENDPOINT")
OIDC_OP_LOGOUT_ENDPOINT = env_str("OIDC_OP_LOGOUT_ENDPOINT", "")
# Whether the identity provider's own multi-factor login counts as our second factor. Only when
# the ID token says so (amr claim) unless this is set.
OIDC_TRUST_PROVIDER_MFA = env_bool("OIDC_TRUST_PROVIDER_MFA", False)
OIDC_CREATE_USER = env_bool("OIDC_CREATE_USER", True)
OIDC_STORE_ID_TOKEN = True
OIDC_AUTHENTICATION_BACKEND = "elkedagbeter.accounts.oidc.OIDCBackend"
