"""Logging in through OpenID Connect: a region connects DigiD (or another identity provider) via its
broker. Authorization Code flow with PKCE, `state` and `nonce`; the ID token's signature is checked
against the provider's JWKS (RS256) and its iss/aud/exp/iat/nonce claims (PyJWT).

A person is known by the pair (issuer, keyed hash of the subject) in `ExternalIdentity`: the subject
itself (for DigiD brokers often the BSN) is never stored or logged. A first login of an unknown
subject creates no account: an invitation in the session may link it (`linking`), otherwise the
person sees that Kring does not know them yet.
"""
