# Messages des erreurs propres au framework (`authos_errors::framework`), en français.
# Ses trois codes partagés avec le groupe General d’AuthOS (BAD_REQUEST, NOT_FOUND,
# INTERNAL_SERVER_ERROR) sont traduits dans errors.ftl.

METHOD_NOT_ALLOWED = Méthode non autorisée pour cette ressource
REQUEST_TIMEOUT = Délai de la requête dépassé
PAYLOAD_TOO_LARGE = Corps de requête trop volumineux
UNSUPPORTED_MEDIA_TYPE = Type de média non pris en charge
GATEWAY_TIMEOUT = Le service en amont n’a pas répondu à temps
