"""Sign in as a demo account with the OAuth 2.0 authorization code flow + PKCE, print the access and
refresh tokens, then call /api/v1/me with the access token.

Standard library only. Run it against `make run`:  python3 docs/demo_token.py [email] [base_url]
base_url defaults to http://127.0.0.1:$PORT (PORT as for `make run`, default 5000).
"""

import base64
import hashlib
import json
import os
import secrets
import sys
import urllib.error
import urllib.parse
import urllib.request

EMAIL = sys.argv[1] if len(sys.argv) > 1 else "adopter@demo.example"
BASE = (sys.argv[2] if len(sys.argv) > 2 else f"http://127.0.0.1:{os.environ.get('PORT') or 5000}").rstrip(
    "/"
)
if not BASE.startswith(("http://", "https://")):
    sys.exit("base_url must be an http(s) URL")
CLIENT_ID = "community-demo"
REDIRECT_URI = "http://127.0.0.1:8765/callback"


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # keep the 302 so we can read the code from it
        return None


# 1. PKCE: a secret verifier, and its SHA-256 challenge sent with the sign-in.
verifier = secrets.token_urlsafe(48)
challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
state = secrets.token_urlsafe(16)
query = urllib.parse.urlencode(
    {
        "response_type": "code",
        "client_id": CLIENT_ID,
        "redirect_uri": REDIRECT_URI,
        "scope": "api",
        "state": state,
        "code_challenge": challenge,
        "code_challenge_method": "S256",
    }
)

# 2. Sign in (what the browser form would post); the server redirects to the app with a code.
form = urllib.parse.urlencode({"email": EMAIL, "password": "demo-password-1"}).encode()
opener = urllib.request.build_opener(NoRedirect)
try:
    opener.open(f"{BASE}/oauth/authorize?{query}", data=form)
    sys.exit("sign-in did not redirect: check the email and password")
except urllib.error.HTTPError as redirect:
    location = urllib.parse.urlparse(redirect.headers["Location"])
params = urllib.parse.parse_qs(location.query)
assert params["state"] == [state], "state mismatch"

# 3. Exchange the code and the verifier for tokens.
body = urllib.parse.urlencode(
    {
        "grant_type": "authorization_code",
        "code": params["code"][0],
        "redirect_uri": REDIRECT_URI,
        "client_id": CLIENT_ID,
        "code_verifier": verifier,
    }
).encode()
with urllib.request.urlopen(f"{BASE}/oauth/token", data=body) as response:  # noqa: S310
    tokens = json.load(response)
# Send the access token as "Authorization: Bearer <token>" (HTTP) or {"token": ...} (Socket.IO auth).
print("access_token:", tokens["access_token"])
print("refresh_token:", tokens["refresh_token"])
print("expires_in:", tokens["expires_in"], "seconds (refresh with grant_type=refresh_token; it rotates)")

# 4. Call the API with the access token in the Authorization header (never in the URL).
request = urllib.request.Request(  # noqa: S310 - scheme checked above
    f"{BASE}/api/v1/me", headers={"Authorization": f"Bearer {tokens['access_token']}"}
)
with urllib.request.urlopen(request) as response:  # noqa: S310
    print(json.dumps(json.load(response), indent=2))
