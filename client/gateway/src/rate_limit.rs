//! Rate limits: token buckets by peer address, taken before anything else is read, and by
//! account, taken only once the account's signature has verified. An account named in a
//! request is only a claim until then: limiting by it earlier would let anyone lock a
//! clinician out by naming them, and let a flood pass by naming a new account each time.
//!
//! A peer is its IPv4 address, or its IPv6 /64 (what one subscriber is usually given). Behind
//! a reverse proxy every request comes from the proxy's address: rate limit at the proxy then.
//!
//! The bucket maps are bounded. A bucket that has refilled completely is the same as no bucket,
//! so it is dropped when the map is full; if the map is still full of busy buckets, a newcomer
//! is refused until some refill (after `burst / rate` seconds at most).

use crate::problem::Problem;
use axum::{
	extract::{ConnectInfo, Request, State},
	middleware::Next,
	response::{IntoResponse, Response},
};
use std::{
	collections::HashMap,
	hash::Hash,
	net::{IpAddr, Ipv6Addr, SocketAddr},
	sync::{Arc, Mutex},
	time::Instant,
};

/// A token bucket per key: `rate` requests a second, up to `burst` at once, at most
/// `max_buckets` keys tracked.
pub struct RateLimit<K> {
	rate: f64,
	burst: f64,
	max_buckets: usize,
	buckets: Mutex<HashMap<K, Bucket>>,
}

#[derive(Clone, Copy, Debug)]
struct Bucket {
	tokens: f64,
	last: Instant,
}

impl Bucket {
	fn tokens_at(&self, now: Instant, rate: f64, burst: f64) -> f64 {
		(self.tokens + now.saturating_duration_since(self.last).as_secs_f64() * rate).min(burst)
	}
}

impl<K: Hash + Eq + Clone> RateLimit<K> {
	pub fn new(rate: f64, burst: f64, max_buckets: usize) -> Self {
		Self { rate, burst, max_buckets, buckets: Mutex::new(HashMap::new()) }
	}

	/// Take one request from `who`'s bucket at `now`; false when it is empty, or when `who`
	/// has no bucket and there is no room for one.
	pub fn allow(&self, who: &K, now: Instant) -> bool {
		let Ok(mut buckets) = self.buckets.lock() else { return false };
		let (rate, burst) = (self.rate, self.burst);
		if !buckets.contains_key(who) && buckets.len() >= self.max_buckets {
			// A full bucket says nothing a missing one would not.
			buckets.retain(|_, bucket| bucket.tokens_at(now, rate, burst) < burst);
			if buckets.len() >= self.max_buckets {
				return false;
			}
		}
		let bucket = buckets.entry(who.clone()).or_insert(Bucket { tokens: burst, last: now });
		bucket.tokens = bucket.tokens_at(now, rate, burst);
		bucket.last = now;
		if bucket.tokens >= 1.0 {
			bucket.tokens -= 1.0;
			true
		} else {
			false
		}
	}

	/// How many keys have a bucket now.
	pub fn tracked(&self) -> usize {
		self.buckets.lock().map_or(0, |buckets| buckets.len())
	}
}

/// The key a peer is limited by: its IPv4 address, or its IPv6 /64.
pub fn peer_key(ip: IpAddr) -> IpAddr {
	match ip {
		IpAddr::V4(_) => ip,
		IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
			Some(v4) => IpAddr::V4(v4),
			None => {
				let s = v6.segments();
				IpAddr::V6(Ipv6Addr::new(s[0], s[1], s[2], s[3], 0, 0, 0, 0))
			},
		},
	}
}

/// The peer a request comes from, as [`peer_key`] limits it; `None` when the server was not
/// started with `into_make_service_with_connect_info::<SocketAddr>()`.
pub fn peer_of(request: &Request) -> Option<IpAddr> {
	request.extensions().get::<ConnectInfo<SocketAddr>>().map(|info| peer_key(info.0.ip()))
}

/// Middleware: take one request from the peer's bucket before the request is read further.
/// A server started without peer addresses refuses everything rather than limit nobody.
pub async fn limit_peers(
	State(limit): State<Arc<RateLimit<IpAddr>>>,
	request: Request,
	next: Next,
) -> Response {
	let Some(peer) = peer_of(&request) else {
		return Problem::internal(
			"the gateway is served without peer addresses: serve it with \
			 into_make_service_with_connect_info::<SocketAddr>()",
		)
		.into_response();
	};
	if !limit.allow(&peer, Instant::now()) {
		return Problem::too_many("too many requests from your address; slow down").into_response();
	}
	next.run(request).await
}

#[cfg(test)]
mod tests {
	use super::*;
	use axum::{routing::get, Router};
	use std::{
		sync::atomic::{AtomicUsize, Ordering},
		time::Duration,
	};

	#[test]
	fn each_key_has_its_own_bucket_that_refills_at_the_rate() {
		let limit = RateLimit::new(2.0, 3.0, 100);
		let start = Instant::now();
		for _ in 0..3 {
			assert!(limit.allow(&"5Bob", start));
		}
		assert!(!limit.allow(&"5Bob", start), "the burst is spent");
		assert!(limit.allow(&"5Eve", start), "another key is not slowed by Bob");
		assert!(limit.allow(&"5Bob", start + Duration::from_millis(500)), "one more after 1/rate");
		assert!(!limit.allow(&"5Bob", start + Duration::from_millis(500)));
	}

	#[test]
	fn idle_buckets_are_dropped_and_the_map_never_grows_past_its_cap() {
		let limit = RateLimit::new(1.0, 2.0, 3);
		let start = Instant::now();
		for key in 0..3 {
			assert!(limit.allow(&key, start));
		}
		// Full of buckets still refilling: a newcomer is refused, the others still served.
		assert!(!limit.allow(&3, start));
		assert!(limit.allow(&0, start));
		assert_eq!(limit.tracked(), 3);
		// Once they have refilled, they make room.
		let later = start + Duration::from_secs(5);
		for key in 3..100 {
			assert!(limit.allow(&key, later + Duration::from_secs(5 * key)), "{key}");
			assert!(limit.tracked() <= 3);
		}
	}

	#[test]
	fn an_ipv6_subscriber_is_one_peer() {
		let a: IpAddr = "2001:db8:1:2:aaaa::1".parse().unwrap();
		let b: IpAddr = "2001:db8:1:2:bbbb::2".parse().unwrap();
		let other: IpAddr = "2001:db8:1:3::1".parse().unwrap();
		assert_eq!(peer_key(a), peer_key(b));
		assert_ne!(peer_key(a), peer_key(other));
		let mapped: IpAddr = "::ffff:192.0.2.7".parse().unwrap();
		assert_eq!(peer_key(mapped), "192.0.2.7".parse::<IpAddr>().unwrap());
	}

	/// A server with one route behind the peer limit; counts the requests that reached it.
	async fn serve(
		limit: Arc<RateLimit<IpAddr>>,
		connect_info: bool,
	) -> (String, Arc<AtomicUsize>) {
		let reached = Arc::new(AtomicUsize::new(0));
		let counter = reached.clone();
		let app = Router::new()
			.route(
				"/",
				get(move || {
					let counter = counter.clone();
					async move {
						counter.fetch_add(1, Ordering::SeqCst);
						"ok"
					}
				}),
			)
			.layer(axum::middleware::from_fn_with_state(limit, limit_peers));
		let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
		let base = format!("http://{}", listener.local_addr().unwrap());
		if connect_info {
			tokio::spawn(async move {
				axum::serve(listener, app.into_make_service_with_connect_info::<SocketAddr>()).await
			});
		} else {
			tokio::spawn(async move { axum::serve(listener, app).await });
		}
		(base, reached)
	}

	#[tokio::test]
	async fn a_peer_past_its_burst_is_refused_before_any_handler_runs() {
		let (base, reached) = serve(Arc::new(RateLimit::new(0.01, 2.0, 100)), true).await;
		let http = reqwest::Client::new();
		let mut statuses = Vec::new();
		for _ in 0..4 {
			statuses.push(http.get(&base).send().await.unwrap().status().as_u16());
		}
		assert_eq!(statuses, vec![200, 200, 429, 429]);
		assert_eq!(reached.load(Ordering::SeqCst), 2);
	}

	#[tokio::test]
	async fn a_server_without_peer_addresses_refuses_rather_than_limit_nobody() {
		let (base, reached) = serve(Arc::new(RateLimit::new(1.0, 2.0, 100)), false).await;
		let status = reqwest::get(&base).await.unwrap().status();
		assert_eq!(status, 503);
		assert_eq!(reached.load(Ordering::SeqCst), 0);
	}
}
