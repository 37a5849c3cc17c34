"""What can be reported: the content types whose features register a resolver (``service.register_subject``).

Listed here, not only gathered at start-up, because the request schema and the OpenAPI document
name them as an enum; ``register_subject`` refuses a type missing from the list, and a test holds
the list equal to the registered resolvers.
"""

REPORTABLE = ("user", "post", "thread", "message")
