//! The server's defences: the `Host` check against DNS rebinding, the CSRF token, and
//! the response headers (a strict Content-Security-Policy: scripts and styles only from
//! the server itself, so nothing inline runs even if escaping were ever missed).

use axum::http::{HeaderMap, HeaderValue, header};

/// A per-process secret for state-changing forms: 32 random bytes, hex.
pub struct Token(String);

impl Token {
    pub fn random() -> Token {
        let mut b = [0u8; 32];
        getrandom::fill(&mut b).expect("the operating system's random source");
        Token(b.iter().map(|x| format!("{x:02x}")).collect())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Compare without stopping at the first difference (no timing hint).
    pub fn matches(&self, given: &str) -> bool {
        let (a, b) = (self.0.as_bytes(), given.as_bytes());
        a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
    }
}

/// Is `host` (a `Host` or an `Origin` authority) a loopback name, on `port` when known?
/// A page on another name that resolves to 127.0.0.1 (DNS rebinding) sends its own name.
pub fn loopback_host(host: &str, port: Option<u16>) -> bool {
    let (name, given_port) = match host.rsplit_once(':') {
        // `[::1]:8080`, `localhost:8080`; a bare `[::1]` has its colons inside brackets.
        Some((n, p)) if !p.contains(']') => (n, Some(p)),
        _ => (host, None),
    };
    let name_ok = matches!(
        name.to_ascii_lowercase().as_str(),
        "127.0.0.1" | "localhost" | "[::1]"
    );
    let port_ok = match (port, given_port) {
        (Some(want), Some(p)) => p.parse::<u16>() == Ok(want),
        (Some(_), None) => false,
        (None, _) => true,
    };
    name_ok && port_ok
}

/// `Origin` on a state-changing request: absent, or this server.
pub fn origin_ok(headers: &HeaderMap, port: Option<u16>) -> bool {
    match headers.get(header::ORIGIN).map(HeaderValue::to_str) {
        None => true,
        Some(Ok(o)) => o
            .strip_prefix("http://")
            .is_some_and(|h| loopback_host(h, port)),
        Some(Err(_)) => false,
    }
}

/// Headers every response carries.
pub fn harden(headers: &mut HeaderMap) {
    let set = |h: &mut HeaderMap, k: header::HeaderName, v: &'static str| {
        h.insert(k, HeaderValue::from_static(v));
    };
    set(
        headers,
        header::CONTENT_SECURITY_POLICY,
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; \
         form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    );
    set(headers, header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    set(headers, header::X_FRAME_OPTIONS, "DENY");
    // Not `no-referrer`: under it a browser sends `Origin: null` with our own forms, which
    // the origin check must refuse (a sandboxed frame of any site sends it too).
    set(headers, header::REFERRER_POLICY, "same-origin");
    set(headers, header::CACHE_CONTROL, "no-store");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_loopback_names_on_our_port_pass() {
        assert!(loopback_host("127.0.0.1:8080", Some(8080)));
        assert!(loopback_host("localhost:8080", Some(8080)));
        assert!(loopback_host("LOCALHOST:8080", Some(8080)));
        assert!(loopback_host("[::1]:8080", Some(8080)));
        assert!(!loopback_host("127.0.0.1:8081", Some(8080)));
        assert!(!loopback_host("127.0.0.1", Some(8080)));
        assert!(!loopback_host("harbourton.example:8080", Some(8080)));
        assert!(!loopback_host(
            "127.0.0.1.harbourton.example:8080",
            Some(8080)
        ));
        assert!(loopback_host("localhost", None));
        assert!(!loopback_host("veldra.example", None));
    }

    #[test]
    fn tokens_match_only_themselves() {
        let t = Token::random();
        assert_eq!(t.as_str().len(), 64);
        assert!(t.matches(t.as_str()));
        assert!(!t.matches(""));
        assert!(!t.matches(&"0".repeat(64)));
        assert_ne!(t.as_str(), Token::random().as_str());
    }
}
