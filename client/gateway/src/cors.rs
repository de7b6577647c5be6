//! Which web pages may call the gateway from a browser: the CORS allow-list.
//!
//! The patient portal is served from its own origin (`http://127.0.0.1:5173` in development),
//! so a browser lets it read the gateway's answers only if the gateway names that origin in
//! `Access-Control-Allow-Origin`. Every call the portal makes is preflighted (the JSON `POST`
//! and the signed-request headers are not "simple"), so the preflight (`OPTIONS`) must be
//! answered too.
//!
//! The list is empty unless configured (`--cors-origin`): then the gateway sends no CORS header
//! at all, and browsers refuse to let pages of other origins read it, as before the list
//! existed. Each entry is one exact origin, `scheme://host[:port]` as a browser sends it in
//! `Origin`; anything else is refused at start ([`Origin::parse`]).
//!
//! **`http` only for loopback.** A page served over plain `http` from another machine can be
//! read and rewritten by anyone on the way, and browsers treat it as an insecure context; only
//! `http://127.0.0.1`, `http://localhost` and `http://[::1]` (any port) are taken, for a portal
//! run on the same machine in development. Any other host is named with `https://`.
//!
//! **No wildcard.** `*` is refused. CORS is not what protects the records: a signed request is
//! checked the same whichever page or program sends it, and no cookie is involved. What the list
//! decides is which web pages may use a visitor's browser to talk to the gateway and read its
//! answers. With `*` every site on the web could, a clinic employee's browser becoming a way in
//! to a gateway reachable only inside the clinic's network, and a look-alike of the portal would
//! be served as readily as the real one. The clinic names the portals it vouches for, one by
//! one.
//!
//! What the layer allows is exactly what the portal needs: the methods the routes use (`GET`,
//! `POST`), the request headers `content-type` and the signed-request headers
//! (`x-medledger-account`, `x-medledger-challenge`, `x-medledger-request`,
//! `x-medledger-signed-at`, `x-medledger-signature`), and it exposes
//! `retry-after` (sent with the `429` and `503` answers, see [`crate::problem`]), which a page
//! could not read otherwise. `authorization` is not allowed: the staff token belongs to the EHR
//! integration, and the staff routes stay out of reach of pages in browsers. No credentials
//! (cookies) are involved: a request is authenticated by its signature alone.

use axum::http::{
	header::{self, HeaderName},
	HeaderValue, Method,
};
use medledger_client::gateway::{
	ACCOUNT_HEADER, CHALLENGE_HEADER, REQUEST_HEADER, SIGNATURE_HEADER, SIGNED_AT_HEADER,
};
use std::{fmt, net::Ipv6Addr, str::FromStr, time::Duration};
use tower_http::cors::{AllowOrigin, CorsLayer};

/// How long a browser may cache a preflight's answer (`Access-Control-Max-Age`): a few minutes,
/// so that calls to a URL already asked about (`POST /v1/challenges` before every signed
/// request) cost no new preflight, and a change of the list reaches browsers soon after a
/// restart. Browsers cache per URL: each record still costs one preflight.
pub const MAX_AGE: Duration = Duration::from_secs(300);

/// One origin allowed to call the gateway from a browser: `scheme://host[:port]`, exactly as a
/// browser sends it in the `Origin` header (lower case, no default port, no path).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Origin(HeaderValue);

impl Origin {
	/// Check `text` is one exact origin, `https`, or `http` for a loopback host, as a browser
	/// writes it. Refused, each with what to write instead: `*` (see the module's
	/// documentation), `null`, a path, query or fragment (even a lone `/`), user information,
	/// upper case, a default port written out (`https://portal.example:443`), a port with
	/// leading zeros, an empty entry, `http` for any host but `127.0.0.1`, `localhost` and
	/// `[::1]` (look-alikes such as `127.0.0.1.example.com` included).
	pub fn parse(text: &str) -> Result<Self, String> {
		const FORM: &str = "an origin is scheme://host[:port], e.g. http://127.0.0.1:5173 or \
		                    https://portal.example";
		let text = text.trim();
		if text.is_empty() {
			return Err(format!("an empty origin (a stray comma?): {FORM}"));
		}
		if text == "*" {
			return Err(format!(
				"`*` is refused: the gateway allows only the origins it is given, one by one; \
				 {FORM}"
			));
		}
		if text.eq_ignore_ascii_case("null") {
			return Err(format!(
				"the `null` origin is refused: sandboxed frames and local files send it, any page \
				 can; {FORM}"
			));
		}
		if text.bytes().any(|b| b.is_ascii_uppercase()) {
			return Err(format!(
				"browsers send origins in lower case: write {}",
				text.to_ascii_lowercase()
			));
		}
		let Some((scheme, rest)) = text.split_once("://") else {
			return Err(format!("{text} is not an origin: {FORM}"));
		};
		let default_port = match scheme {
			"http" => 80,
			"https" => 443,
			_ => return Err(format!("the scheme must be http or https, not {scheme:?}: {FORM}")),
		};
		if let Some(at) = rest.find(['/', '?', '#']) {
			return Err(format!(
				"an origin has no path, query or fragment: write {scheme}://{}",
				&rest[..at]
			));
		}
		if rest.contains('@') {
			return Err(format!("an origin has no user information: {FORM}"));
		}
		let (host, port) = match rest.strip_prefix('[') {
			// An IPv6 literal, written as a browser serializes it.
			Some(literal) => {
				let (address, after) = literal
					.split_once(']')
					.ok_or_else(|| format!("{text}: an IPv6 address needs its closing ]"))?;
				let ip: Ipv6Addr = address
					.parse()
					.map_err(|_| format!("{text}: [{address}] is not an IPv6 address"))?;
				if ip.to_string() != address {
					return Err(format!("write the address as browsers do: [{ip}]"));
				}
				let port = match after.strip_prefix(':') {
					Some(port) => Some(port),
					None if after.is_empty() => None,
					None => return Err(format!("{text}: only :port may follow an IPv6 address")),
				};
				(&rest[..address.len() + 2], port)
			},
			None => match rest.split_once(':') {
				Some((host, port)) => (host, Some(port)),
				None => (rest, None),
			},
		};
		if !host.starts_with('[') && !is_host_name(host) {
			return Err(format!(
				"{host:?} is not a host name (letters, digits, hyphens, dots; an international \
				 name in its xn-- form) or an IP address: {FORM}"
			));
		}
		if let Some(port) = port {
			let number = port.parse::<u16>().ok().filter(|n| *n != 0 && n.to_string() == port);
			let Some(number) = number else {
				return Err(format!("{port:?} is not a port (1 to 65535, no leading zeros)"));
			};
			if number == default_port {
				return Err(format!(
					"browsers leave out {scheme}'s default port {default_port}: write \
					 {scheme}://{host}"
				));
			}
		}
		// Exact hosts only: `127.0.0.1.example.com` or `localhost.evil.example` can be anyone's.
		if scheme == "http" && !LOOPBACK_HOSTS.contains(&host) {
			// `:443` written after `http` is https's default port: browsers leave it out.
			let secure = if port == Some("443") { host } else { rest };
			return Err(format!(
				"{text}: http:// is allowed only for a loopback host (127.0.0.1, localhost, \
				 [::1]); serve the portal over https:// and write https://{secure}"
			));
		}
		HeaderValue::from_str(text)
			.map(Self)
			.map_err(|_| format!("{text} is not an origin: {FORM}"))
	}

	pub fn as_str(&self) -> &str {
		// An origin is ASCII (checked by `parse`).
		self.0.to_str().unwrap_or_default()
	}
}

/// The hosts a plain `http` origin may name: this machine, as browsers serialize it (an IPv6
/// address is checked above to be written as browsers do, so `[::1]` is its only form).
const LOOPBACK_HOSTS: [&str; 3] = ["127.0.0.1", "localhost", "[::1]"];

/// A host name as a browser serializes it: dot-separated labels of lower-case letters, digits
/// and hyphens, none empty, none starting or ending with a hyphen (IPv4 addresses included).
fn is_host_name(host: &str) -> bool {
	!host.is_empty()
		&& host.split('.').all(|label| {
			!label.is_empty()
				&& !label.starts_with('-')
				&& !label.ends_with('-')
				&& label.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
		})
}

impl FromStr for Origin {
	type Err = String;

	fn from_str(text: &str) -> Result<Self, String> {
		Self::parse(text)
	}
}

impl fmt::Display for Origin {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		f.write_str(self.as_str())
	}
}

/// The CORS layer for `origins`, or `None` when the list is empty: then no CORS header is sent
/// at all. See the module's documentation for what it allows. It must be the router's
/// outermost layer ([`crate::routes::router`]) so that a preflight is answered before the peer
/// rate limit, the problem mapper or any handler, and so that every answer, a `429` of the rate
/// limit included, carries the headers a page needs to read it.
pub fn layer(origins: &[Origin]) -> Option<CorsLayer> {
	if origins.is_empty() {
		return None;
	}
	Some(
		CorsLayer::new()
			.allow_origin(AllowOrigin::list(origins.iter().map(|origin| origin.0.clone())))
			.allow_methods([Method::GET, Method::POST])
			.allow_headers([
				header::CONTENT_TYPE,
				HeaderName::from_static(ACCOUNT_HEADER),
				HeaderName::from_static(CHALLENGE_HEADER),
				HeaderName::from_static(REQUEST_HEADER),
				HeaderName::from_static(SIGNED_AT_HEADER),
				HeaderName::from_static(SIGNATURE_HEADER),
			])
			.expose_headers([header::RETRY_AFTER])
			.max_age(MAX_AGE),
	)
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn exact_origins_are_taken_as_browsers_send_them() {
		for origin in [
			"http://127.0.0.1:5173",
			"http://localhost:5173",
			"https://portal.clinic.example",
			"https://xn--bcher-kva.example:8443",
			"http://[::1]:5173",
			"https://[2001:db8::1]",
		] {
			assert_eq!(Origin::parse(origin).unwrap().as_str(), origin);
		}
		// Spaces around an entry (`a, b` in the variable) are not part of it.
		assert_eq!(
			Origin::parse(" http://localhost:5173 ").unwrap().as_str(),
			"http://localhost:5173"
		);
	}

	#[test]
	fn anything_but_an_exact_origin_is_refused_saying_what_to_write() {
		for (text, says) in [
			("*", "`*` is refused"),
			("null", "`null` origin is refused"),
			("", "empty origin"),
			("garbage", "garbage is not an origin"),
			("127.0.0.1:5173", "is not an origin"),
			("http://portal.example/app", "write http://portal.example"),
			("http://portal.example/", "write http://portal.example"),
			("https://portal.example?x=1", "write https://portal.example"),
			("https://portal.example#top", "write https://portal.example"),
			("ftp://portal.example", "http or https"),
			("chrome-extension://abcdef", "http or https"),
			("https://user@portal.example", "no user information"),
			("HTTP://Portal.Example", "write http://portal.example"),
			("https://portal.example:443", "write https://portal.example"),
			("http://portal.example:80", "write http://portal.example"),
			("http://[::1]:80", "write http://[::1]"),
			("http://portal.example:05173", "no leading zeros"),
			("http://portal.example:99999", "not a port"),
			("http://portal.example:", "not a port"),
			("http://[0:0:0:0:0:0:0:1]:5173", "[::1]"),
			("http://[::1", "closing ]"),
			("http://", "not a host name"),
			("http://por tal.example", "not a host name"),
			("http://portal_example", "not a host name"),
			("http://-portal.example", "not a host name"),
			("http://portal..example", "not a host name"),
			("http://pörtal.example", "not a host name"),
		] {
			let refused = Origin::parse(text).expect_err(text);
			assert!(refused.contains(says), "{text:?}: {refused:?} does not say {says:?}");
		}
	}

	#[test]
	fn http_is_taken_for_a_loopback_host_with_or_without_a_port() {
		for origin in [
			"http://127.0.0.1",
			"http://127.0.0.1:5173",
			"http://localhost",
			"http://localhost:5173",
			"http://[::1]",
			"http://[::1]:5173",
		] {
			assert_eq!(Origin::parse(origin).unwrap().as_str(), origin);
		}
	}

	#[test]
	fn http_for_any_other_host_is_refused_saying_to_serve_over_https() {
		for (text, write) in [
			("http://portal.clinic.example", "https://portal.clinic.example"),
			("http://10.0.0.5:5173", "https://10.0.0.5:5173"),
			("http://127.0.0.1.example.com", "https://127.0.0.1.example.com"),
			("http://localhost.evil.example", "https://localhost.evil.example"),
			("http://127.0.0.2:5173", "https://127.0.0.2:5173"),
			("http://[2001:db8::1]", "https://[2001:db8::1]"),
			("http://portal.clinic.example:443", "https://portal.clinic.example"),
		] {
			let refused = Origin::parse(text).expect_err(text);
			assert!(
				refused.contains("http:// is allowed only for a loopback host"),
				"{text:?}: {refused:?}"
			);
			assert!(refused.contains("serve the portal over https://"), "{text:?}: {refused:?}");
			assert!(
				refused.ends_with(&format!("write {write}")),
				"{text:?}: {refused:?} does not say to write {write:?}"
			);
		}
	}

	#[test]
	fn https_is_taken_for_any_host() {
		for origin in [
			"https://portal.clinic.example",
			"https://10.0.0.5:5173",
			"https://127.0.0.1:5173",
			"https://localhost",
		] {
			assert_eq!(Origin::parse(origin).unwrap().as_str(), origin);
		}
	}

	#[test]
	fn no_origins_no_layer() {
		assert!(layer(&[]).is_none());
		assert!(layer(&[Origin::parse("http://127.0.0.1:5173").unwrap()]).is_some());
	}
}
