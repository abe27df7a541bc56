from ninja import Router

# Webhooks are configured on the pages only: no API operation yet.
router = Router(tags=["webhooks"])
