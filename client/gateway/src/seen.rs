//! The signed requests answered lately ([`SeenRequests`]): what keeps a request signed once
//! (`medledger-gateway/v3`, see [`crate::auth`]) from being answered twice.

use crate::problem::Problem;
use axum::http::StatusCode;
use medledger_client::{
	gateway::{SIGNED_AHEAD_MS, SIGNED_WITHIN_MS},
	types::AccountId,
};
use std::{collections::HashSet, sync::Mutex};

/// The request ids answered lately, by account, so that no signed request is answered twice.
///
/// A request is answered only if signed at most [`SIGNED_WITHIN_MS`] before the gateway's clock
/// and [`SIGNED_AHEAD_MS`] after, so an id needs remembering for at most the sum after it was
/// first seen. Ids are kept in two
/// generations, the older dropped as a new one starts every `2 × SIGNED_WITHIN_MS`: each id is
/// kept at least that long. A generation holds at most `max` ids; past that, requests are
/// turned away (`429`) until the next generation, rather than forgetting ids too early.
pub struct SeenRequests {
	started_ms: u64,
	max: usize,
	book: Mutex<Generations>,
}

#[derive(Default)]
struct Generations {
	current: HashSet<([u8; 32], [u8; 16])>,
	previous: HashSet<([u8; 32], [u8; 16])>,
	started_ms: u64,
}

/// Why a signed request is not answered, once its signature verified.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NotAnswered {
	/// Signed too long ago or too far ahead of the gateway's clock.
	OutOfTime,
	/// Signed before the gateway started: it may have been answered by the gateway's last run.
	BeforeStart,
	/// Answered already.
	Replayed,
	/// The gateway holds as many ids as it may.
	Full,
}

impl SeenRequests {
	/// Ids for a gateway started at `started_ms`, at most `max` in a generation.
	pub fn new(started_ms: u64, max: usize) -> Self {
		Self {
			started_ms,
			max,
			book: Mutex::new(Generations { started_ms, ..Generations::default() }),
		}
	}

	/// May a request signed at `signed_ms` be answered at `now_ms`? (Before the signature is
	/// checked: it costs nothing and remembers nothing.)
	pub fn in_time(&self, signed_ms: u64, now_ms: u64) -> Result<(), NotAnswered> {
		if signed_ms.saturating_add(SIGNED_WITHIN_MS) < now_ms
			|| signed_ms > now_ms.saturating_add(SIGNED_AHEAD_MS)
		{
			return Err(NotAnswered::OutOfTime);
		}
		// The last run answered requests signed up to SIGNED_AHEAD_MS past its last moment.
		if signed_ms <= self.started_ms.saturating_add(SIGNED_AHEAD_MS) {
			return Err(NotAnswered::BeforeStart);
		}
		Ok(())
	}

	/// Remember `account`'s request `id`, first seen at `now_ms`; refused if seen before.
	pub fn first_sight(
		&self,
		account: &AccountId,
		id: [u8; 16],
		now_ms: u64,
	) -> Result<(), NotAnswered> {
		let Ok(mut book) = self.book.lock() else { return Err(NotAnswered::Full) };
		let generation = 2 * SIGNED_WITHIN_MS;
		let age = now_ms.saturating_sub(book.started_ms);
		if age >= 2 * generation {
			// Nothing seen since before the last two generations: all of it is out of time.
			book.current.clear();
			book.previous.clear();
			book.started_ms = now_ms;
		} else if age >= generation {
			book.previous = std::mem::take(&mut book.current);
			book.started_ms = now_ms;
		}
		let key = (account.0, id);
		if book.current.contains(&key) || book.previous.contains(&key) {
			return Err(NotAnswered::Replayed);
		}
		if book.current.len() >= self.max {
			return Err(NotAnswered::Full);
		}
		book.current.insert(key);
		Ok(())
	}

	/// How many ids are remembered.
	pub fn remembered(&self) -> usize {
		self.book.lock().map_or(0, |book| book.current.len() + book.previous.len())
	}
}

impl NotAnswered {
	pub(crate) fn problem(self) -> Problem {
		match self {
			NotAnswered::OutOfTime => Problem::unauthorized(&format!(
				"x-medledger-signed-at is more than {} s before or {} s after the gateway's \
				 clock: sign the request again now (and check this machine's clock)",
				SIGNED_WITHIN_MS / 1000,
				SIGNED_AHEAD_MS / 1000
			)),
			// 425: the gateway will not risk answering what may be a replay (RFC 8470).
			NotAnswered::BeforeStart => Problem::new(
				StatusCode::TOO_EARLY,
				"Too early",
				"the gateway has just started and cannot tell whether its last run answered a \
				 request signed this early: sign it again after Retry-After",
			)
			.retry_after(SIGNED_AHEAD_MS.div_ceil(1000)),
			NotAnswered::Replayed => Problem::unauthorized(
				"this request was answered already: sign each request afresh, with a new \
				 x-medledger-request",
			),
			NotAnswered::Full => {
				Problem::too_many("the gateway is answering too many requests; try again shortly")
			},
		}
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use medledger_client::Keys;

	/// The gateway's start, by its clock.
	const STARTED_MS: u64 = 1_800_000_000_000;

	#[test]
	fn ids_are_kept_while_their_time_allows_them() {
		let seen = SeenRequests::new(STARTED_MS, 1000);
		let dave = Keys::from_uri("//Dave").unwrap().account_id();
		let generation = 2 * SIGNED_WITHIN_MS;
		// Seen just before a generation ends: still known a full generation after, longer than
		// its time can let it in (signed at most SIGNED_AHEAD_MS after it was seen, answered at
		// most SIGNED_WITHIN_MS after it was signed).
		assert!(generation >= SIGNED_WITHIN_MS + SIGNED_AHEAD_MS);
		let first = STARTED_MS + generation - 1;
		assert_eq!(seen.first_sight(&dave, [1; 16], first), Ok(()));
		for later in [first + 1, first + generation / 2, first + generation] {
			assert_eq!(seen.first_sight(&dave, [1; 16], later), Err(NotAnswered::Replayed));
		}
		// Long after, every id is out of time and forgotten.
		assert_eq!(seen.first_sight(&dave, [2; 16], first + 10 * generation), Ok(()));
		assert_eq!(seen.remembered(), 1);
	}
}
