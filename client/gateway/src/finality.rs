//! On which chain state a release is decided.
//!
//! A record is released only when the access check allows it at **both** the finalized head
//! and the best head, under the same grant:
//!
//! - a revocation (or a lapse, or a dismissal) in a best block is honoured at once, before it is
//!   final: the best head denies;
//! - a grant in a best block does not release anything until it is final: the finalized head
//!   denies, and a fork that drops it cannot have leaked a record;
//! - if the two heads allow under different grants, the answer depends on blocks not yet final:
//!   `503`, try again shortly.
//!
//! A finalized head that is old means finality (or block production, or the gateway's own
//! node) has stalled, and a revocation may be waiting in blocks the node never sees. So nothing
//! is released while the finalized block's own timestamp (`pallet_timestamp`'s `Now` in that
//! block) is more than `max_finality_lag` behind the gateway's clock: `503 Chain not final` with
//! `Retry-After`. The timestamp, unlike the count of blocks between best and finalized, also
//! sees a node that stopped importing blocks or a chain that stopped producing them (both show
//! a gap of zero). It needs the gateway's clock to be roughly right (NTP); with 6 s blocks and
//! finality two or three blocks behind, a healthy finalized head is 12-18 s old.

use crate::{problem::Problem, view::Snapshot, Gateway};
use medledger_client::types::{AccessDecision, AccountId, GrantId, Purpose, RecordId};
use std::{sync::Arc, time::Duration};

/// Why a release is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
	/// The finalized head or the best head does not allow it: the usual `404`.
	Denied,
	/// Both allow, but the finalized head is older than the bound: `503` until finality resumes.
	FinalityStalled,
	/// Both allow, under different grants: the answer is in blocks not yet final; `503`.
	Unsettled,
}

/// The release decision, from the access decisions at the finalized and the best heads and the
/// finalized head's age. A denial anywhere wins; then staleness; then the heads must agree.
pub fn decide(
	finalized: &AccessDecision,
	best: &AccessDecision,
	finalized_age: Duration,
	max_age: Duration,
) -> Result<Option<GrantId>, Refusal> {
	let (
		AccessDecision::Allowed { grant: final_grant },
		AccessDecision::Allowed { grant: best_grant },
	) = (finalized, best)
	else {
		return Err(Refusal::Denied);
	};
	if finalized_age > max_age {
		return Err(Refusal::FinalityStalled);
	}
	if final_grant != best_grant {
		return Err(Refusal::Unsettled);
	}
	Ok(*final_grant)
}

/// How old a block made at `block_ms` (ms since the Unix epoch) is at `now_ms`; a block from
/// the future (a clock behind the chain's) is of age zero.
pub fn age(now_ms: u64, block_ms: u64) -> Duration {
	Duration::from_millis(now_ms.saturating_sub(block_ms))
}

fn now_ms() -> u64 {
	std::time::SystemTime::now()
		.duration_since(std::time::UNIX_EPOCH)
		.map(|d| d.as_millis() as u64)
		.unwrap_or_default()
}

/// A release allowed: the grant it is under, and the view (the heads, and what was read on
/// their state) it was decided on.
#[derive(Clone)]
pub struct Allowed {
	pub grant: Option<GrantId>,
	pub view: Arc<Snapshot>,
}

/// Decide whether `requester` may have `record` for `purpose` now: on the gateway's view of
/// the heads ([`crate::view`]) and, if that view refuses, once more on heads read from the node
/// now (the view may be a few milliseconds behind a grant that just became final). A refusal is
/// a [`Problem`] ready to send: `404` when denied (as for a missing record), `503` with
/// `Retry-After` when the chain's finality stalled or the access is in blocks not yet final.
pub async fn check_release(
	gateway: &Gateway,
	requester: &AccountId,
	record: RecordId,
	purpose: Purpose,
) -> Result<Allowed, Problem> {
	let seen = gateway.view.snapshot(&gateway.chain).await.map_err(Problem::internal)?;
	let refusal = match judge(gateway, &seen, requester, record, purpose).await? {
		Ok(grant) => return Ok(Allowed { grant, view: seen }),
		Err(refusal) => refusal,
	};
	let now = gateway.view.refresh(&gateway.chain).await.map_err(Problem::internal)?;
	if Arc::ptr_eq(&now, &seen) {
		return Err(refusal.problem(gateway, &seen));
	}
	match judge(gateway, &now, requester, record, purpose).await? {
		Ok(grant) => Ok(Allowed { grant, view: now }),
		Err(refusal) => Err(refusal.problem(gateway, &now)),
	}
}

/// [`decide`] on the heads of `view`.
async fn judge(
	gateway: &Gateway,
	view: &Snapshot,
	requester: &AccountId,
	record: RecordId,
	purpose: Purpose,
) -> Result<Result<Option<GrantId>, Refusal>, Problem> {
	let (at_finalized, at_best) = view
		.decisions(&gateway.chain, requester, record, purpose)
		.await
		.map_err(Problem::internal)?;
	let lag = age(now_ms(), view.heads.finalized_ms);
	Ok(decide(&at_finalized, &at_best, lag, gateway.settings.max_finality_lag))
}

impl Refusal {
	/// What the requester is told.
	fn problem(self, gateway: &Gateway, view: &Snapshot) -> Problem {
		match self {
			Refusal::Denied => Problem::not_found(),
			Refusal::FinalityStalled => {
				let lag = age(now_ms(), view.heads.finalized_ms);
				Problem::chain_not_final(
					format!(
						"the chain's finalized head is {} s old (the gateway releases nothing on a \
						 head older than {} s): finality has stalled; try again later",
						lag.as_secs(),
						gateway.settings.max_finality_lag.as_secs()
					),
					Duration::from_secs(12),
				)
			},
			Refusal::Unsettled => Problem::chain_not_final(
				"your access changed in blocks that are not final yet; try again shortly",
				Duration::from_secs(6),
			),
		}
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use medledger_client::types::Denial;

	const BOUND: Duration = Duration::from_secs(60);
	const FRESH: Duration = Duration::from_secs(15);
	const STALE: Duration = Duration::from_secs(61);

	fn allowed(grant: Option<u64>) -> AccessDecision {
		AccessDecision::Allowed { grant: grant.map(GrantId) }
	}

	fn revoked() -> AccessDecision {
		AccessDecision::Denied(Denial::Revoked)
	}

	#[test]
	fn a_revocation_in_a_best_block_is_honoured_before_it_is_final() {
		assert_eq!(decide(&allowed(Some(4)), &revoked(), FRESH, BOUND), Err(Refusal::Denied));
	}

	#[test]
	fn a_grant_not_yet_final_releases_nothing() {
		assert_eq!(decide(&revoked(), &allowed(Some(4)), FRESH, BOUND), Err(Refusal::Denied));
	}

	#[test]
	fn a_stalled_finalized_head_releases_nothing() {
		assert_eq!(
			decide(&allowed(Some(4)), &allowed(Some(4)), STALE, BOUND),
			Err(Refusal::FinalityStalled)
		);
		assert_eq!(
			decide(&allowed(Some(4)), &allowed(Some(4)), BOUND, BOUND),
			Ok(Some(GrantId(4)))
		);
	}

	#[test]
	fn every_combination_of_the_two_heads_and_the_age() {
		use Refusal::*;
		let patient = allowed(None);
		let grant = allowed(Some(1));
		let other = allowed(Some(2));
		let denied = revoked();
		// (finalized, best, age, expected)
		let cases: Vec<(
			&AccessDecision,
			&AccessDecision,
			Duration,
			Result<Option<GrantId>, Refusal>,
		)> = vec![
			(&patient, &patient, FRESH, Ok(None)),
			(&patient, &patient, STALE, Err(FinalityStalled)),
			(&patient, &grant, FRESH, Err(Unsettled)),
			(&patient, &grant, STALE, Err(FinalityStalled)),
			(&patient, &denied, FRESH, Err(Denied)),
			(&patient, &denied, STALE, Err(Denied)),
			(&grant, &patient, FRESH, Err(Unsettled)),
			(&grant, &patient, STALE, Err(FinalityStalled)),
			(&grant, &grant, FRESH, Ok(Some(GrantId(1)))),
			(&grant, &grant, STALE, Err(FinalityStalled)),
			(&grant, &other, FRESH, Err(Unsettled)),
			(&grant, &other, STALE, Err(FinalityStalled)),
			(&grant, &denied, FRESH, Err(Denied)),
			(&grant, &denied, STALE, Err(Denied)),
			(&denied, &patient, FRESH, Err(Denied)),
			(&denied, &patient, STALE, Err(Denied)),
			(&denied, &grant, FRESH, Err(Denied)),
			(&denied, &grant, STALE, Err(Denied)),
			(&denied, &denied, FRESH, Err(Denied)),
			(&denied, &denied, STALE, Err(Denied)),
		];
		for (finalized, best, age, expected) in cases {
			assert_eq!(
				decide(finalized, best, age, BOUND),
				expected,
				"finalized {finalized:?}, best {best:?}, age {age:?}"
			);
		}
	}

	#[test]
	fn a_block_from_the_future_is_of_age_zero() {
		assert_eq!(age(1_000, 4_000), Duration::ZERO);
		assert_eq!(age(70_000, 4_000), Duration::from_secs(66));
	}
}
