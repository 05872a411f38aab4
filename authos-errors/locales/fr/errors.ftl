# Messages d’erreur de l’API AuthOS, en français, par code d’erreur.
# Traduit depuis locales/en/errors.ftl (`cargo run -p authos-errors --example ftl_skeleton`) ;
# chaque code a un message, vérifié par les tests (tests/tests/l10n.rs).

## General Errors

BAD_REQUEST = Paramètres de requête invalides ou JSON mal formé
UNAUTHORIZED = Authentification absente ou invalide
FORBIDDEN = Identifiants valides, mais permissions insuffisantes
NOT_FOUND = La ressource demandée n’existe pas
CONFLICT = La ressource existe déjà ou son état est en conflit
RATE_LIMIT_EXCEEDED = Trop de requêtes
INTERNAL_SERVER_ERROR = Erreur inattendue du serveur

## Authentication Errors

TOKEN_EXPIRED = Le jeton JWT a expiré
JWT_ERROR = Signature ou format du jeton JWT invalide
INVALID_CREDENTIALS = Adresse e-mail ou mot de passe incorrect
EMAIL_NOT_VERIFIED = L’adresse e-mail du compte n’a pas été vérifiée
ACCOUNT_LOCKED = Trop de tentatives de connexion infructueuses

## Authorization Errors

ORGANIZATION_NOT_ACTIVE = Organisation suspendue ou en attente d’activation
NOT_ORGANIZATION_MEMBER = Vous n’êtes pas membre de cette organisation
PLATFORM_OWNER_REQUIRED = Accès réservé au propriétaire de la plateforme

## Validation Errors

INVALID_EMAIL = Format d’adresse e-mail invalide
WEAK_PASSWORD = Le mot de passe ne respecte pas les exigences de sécurité
    .min-max = Le mot de passe ne respecte pas les exigences de sécurité ({ $min } à { $max } caractères)
    .min = Le mot de passe ne respecte pas les exigences de sécurité (au moins { $min } caractères)
    .max = Le mot de passe ne respecte pas les exigences de sécurité (au plus { $max } caractères)
    .equal = Le mot de passe ne respecte pas les exigences de sécurité ({ $equal } caractères)
INVALID_SLUG = Format de slug invalide
RESERVED_SLUG = Ce slug est réservé
SLUG_TOO_SHORT = Le slug doit contenir au moins 3 caractères
    .min = Le slug doit contenir au moins { $min } caractères
    .equal = Le slug doit contenir exactement { $equal } caractères
    .none = Le slug est trop court
SLUG_TOO_LONG = Le slug ne doit pas dépasser 50 caractères
    .max = Le slug ne doit pas dépasser { $max } caractères
    .equal = Le slug doit contenir exactement { $equal } caractères
    .none = Le slug est trop long
NAME_TOO_SHORT = Le nom doit contenir au moins 2 caractères
    .min = Le nom doit contenir au moins { $min } caractères
    .equal = Le nom doit contenir exactement { $equal } caractères
    .none = Le nom est trop court
NAME_TOO_LONG = Le nom ne doit pas dépasser 100 caractères
    .max = Le nom ne doit pas dépasser { $max } caractères
    .equal = Le nom doit contenir exactement { $equal } caractères
    .none = Le nom est trop long
INVALID_URL = Format d’URL invalide

## Resource Errors

ALREADY_EXISTS = La ressource existe déjà
SERVICE_LIMIT_EXCEEDED = Nombre maximal de services atteint pour votre offre
TEAM_LIMIT_EXCEEDED = Nombre maximal de membres atteint pour votre offre
USER_ALREADY_EXISTS = Un utilisateur avec cette adresse e-mail existe déjà
INVITATION_EXPIRED = Le lien d’invitation a expiré
INVITATION_ALREADY_ACCEPTED = Cette invitation a déjà été utilisée

## MFA Errors

MFA_REQUIRED = Vérification MFA requise
INVALID_MFA_CODE = Code TOTP ou code de secours incorrect
MFA_NOT_ENABLED = L’authentification multifacteur n’est pas configurée pour cet utilisateur
MFA_ALREADY_ENABLED = L’authentification multifacteur est déjà activée
NO_BACKUP_CODES = Aucun code de secours disponible

## Device Flow Errors

DEVICE_CODE_EXPIRED = Le code d’appareil a expiré
DEVICE_CODE_PENDING = L’utilisateur n’a pas encore donné son autorisation
INVALID_DEVICE_CODE = Code d’appareil introuvable
INVALID_GRANT_TYPE = Valeur de grant_type incorrecte

## OAuth Errors

OAUTH_ERROR = Erreur du fournisseur OAuth
OAUTH_STATE_MISMATCH = Le paramètre state ne correspond pas (protection CSRF)
OAUTH_CODE_EXPIRED = Le code d’autorisation a expiré
PROVIDER_NOT_CONFIGURED = Fournisseur OAuth non configuré

## SAML Errors

SAML_NOT_CONFIGURED = SAML n’est pas configuré
INVALID_SAML_RESPONSE = Réponse SAML invalide
SAML_SIGNATURE_INVALID = La vérification de la signature SAML a échoué
SAML_EXPIRED = L’assertion SAML a expiré

## SCIM Errors

INVALID_SCIM_TOKEN = Jeton SCIM invalide ou expiré
SCIM_USER_EXISTS = L’utilisateur existe déjà
SCIM_USER_NOT_FOUND = Utilisateur SCIM introuvable
SCIM_FILTER_INVALID = Syntaxe de filtre invalide

## Webhook Errors

INVALID_WEBHOOK_URL = L’URL doit utiliser HTTP ou HTTPS
INVALID_WEBHOOK_EVENT = Type d’événement inconnu
WEBHOOK_NAME_EXISTS = Ce nom de webhook est déjà utilisé

## Infrastructure Errors

DATABASE_ERROR = Échec de l’opération sur la base de données
STRIPE_ERROR = Erreur du système de facturation
EMAIL_SEND_FAILED = Échec de l’envoi de l’e-mail
ENCRYPTION_ERROR = Échec du chiffrement ou du déchiffrement
