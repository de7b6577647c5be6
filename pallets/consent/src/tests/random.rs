//! Long random sequences of calls across blocks, with every invariant checked after each block,
//! and the access decision checked against a model of the rules.

use super::*;
use crate::{Answer, GrantIndex, Grants, LiveGrantCount, Refusal};
use frame_support::traits::Hooks;
use medledger_primitives::InquiryId;
use sp_core::H256;

/// A small deterministic generator, so a failing sequence can be replayed from its seed.
struct Rng(u64);

impl Rng {
	fn next(&mut self) -> u64 {
		self.0 ^= self.0 << 13;
		self.0 ^= self.0 >> 7;
		self.0 ^= self.0 << 17;
		self.0
	}

	fn pick<T: Copy>(&mut self, items: &[T]) -> T {
		items[(self.next() % items.len() as u64) as usize]
	}
}

const ACTORS: [AccountId; 8] =
	[PATIENT, OTHER_PATIENT, GUARDIAN, VIEWER, STRANGER, INSURER, DOCTOR, OTHER_DOCTOR];
const GRANTEES: [AccountId; 5] = [CLINIC, DOCTOR, OTHER_DOCTOR, INSURER, STRANGER];
const CATEGORIES: [RecordCategory; 5] = [LabResults, Imaging, MentalHealth, Allergies, Genomics];
const PURPOSES: [Purpose; 3] = [Purpose::Treatment, Purpose::Payment, Purpose::EmergencyTreatment];

fn random_call(rng: &mut Rng, inquiries: &mut Vec<InquiryId>) {
	let who = rng.pick(&ACTORS);
	let origin = RuntimeOrigin::signed(who);
	let patient = rng.pick(&[PATIENT, OTHER_PATIENT]);
	let _ = match rng.next() % 8 {
		0 | 1 => {
			let now = System::block_number();
			Consent::grant(
				origin,
				patient,
				rng.pick(&GRANTEES),
				set(&[rng.pick(&CATEGORIES), rng.pick(&CATEGORIES)]),
				if rng.next() % 3 == 0 {
					set(&[rng.pick(&CATEGORIES)])
				} else {
					CategorySet::empty()
				},
				rng.pick(&PURPOSES),
				AccessLevel::Read,
				None,
				if rng.next() % 2 == 0 { Some(now + 1 + rng.next() % 20) } else { None },
			)
			.map(|_| ())
			.map_err(|e| e.error)
		},
		2 => {
			Consent::revoke(origin, GrantId(rng.next() % (crate::NextGrantId::<Test>::get().0 + 1)))
		},
		3 => Consent::revoke_all(origin, patient, rng.pick(&GRANTEES))
			.map(|_| ())
			.map_err(|e| e.error),
		4 => {
			let id = crate::NextInquiryId::<Test>::get();
			let made = Consent::inquire(
				origin,
				patient,
				set(&[rng.pick(&CATEGORIES)]),
				rng.pick(&PURPOSES),
				1 + rng.next() % 30,
				vec![],
			);
			if made.is_ok() {
				inquiries.push(id);
			}
			made
		},
		5 if !inquiries.is_empty() => {
			let id = rng.pick(inquiries);
			let answer = match rng.next() % 3 {
				0 => Answer::Approve {
					categories: CategorySet::all(),
					except: CategorySet::empty(),
					duration: 1,
				},
				1 => Answer::Deny(Refusal::Other),
				_ => Answer::Deny(Refusal::Spam),
			};
			match rng.next() % 3 {
				0 => Consent::answer_inquiry(origin, id, answer).map(|_| ()).map_err(|e| e.error),
				1 => Consent::withdraw_inquiry(origin, id),
				_ => Consent::reap_inquiry(origin, id),
			}
		},
		6 => {
			let requester = rng.pick(&ACTORS);
			if rng.next() % 2 == 0 {
				Consent::block_requester(origin, patient, requester)
			} else {
				Consent::unblock_requester(origin, patient, requester)
			}
		},
		_ => Consent::open_emergency_access(origin, patient, H256::zero())
			.map(|_| ())
			.map_err(|e| e.error),
	};
}

/// The live-grant count of each patient never drifts: it is exactly the patient's index
/// entries, at least the grants that may still hold (computed from the grants directly, so a
/// grant that left the index while it could still hold is caught), and the grants the patient
/// made stay within the cap.
fn assert_live_grants_counted(context: &str) {
	let now = System::block_number();
	for patient in [PATIENT, OTHER_PATIENT] {
		let counted = LiveGrantCount::<Test>::get(patient);
		let indexed: u32 =
			GrantIndex::<Test>::iter_prefix(patient).map(|(_, entries)| entries.len() as u32).sum();
		assert_eq!(counted, indexed, "{context}: {patient}'s count is its index entries");
		let epoch =
			<Patients as medledger_primitives::PatientRegistry<AccountId, u64>>::consent_epoch(
				&patient,
			);
		let holding = Grants::<Test>::iter_values().filter(|g| {
			g.patient == patient
				&& Some(g.epoch) == epoch
				&& g.revoked_at.is_none()
				&& g.ends.is_none_or(|e| now < e)
		});
		let (break_glass, by_consent): (Vec<_>, Vec<_>) =
			holding.partition(|g| matches!(g.origin, crate::GrantOrigin::BreakGlass { .. }));
		let live = (break_glass.len() + by_consent.len()) as u32;
		assert!(counted >= live, "{context}: {patient} counts {counted} of {live} live grants");
		assert_eq!(Consent::grants(&patient).len() as u32, live, "{context}: {patient}");
		assert!(
			by_consent.len() as u32 <= MAX_LIVE_GRANTS,
			"{context}: {patient} holds {} grants by consent",
			by_consent.len()
		);
	}
}

/// The decision the rules give, computed from the grants directly (no index, no shortcuts).
fn model_allows(requester: AccountId, category: RecordCategory, purpose: Purpose) -> bool {
	if requester == PATIENT || requester == VIEWER {
		return true;
	}
	let now = System::block_number();
	let employer = match requester {
		DOCTOR => Some(CLINIC),
		OTHER_DOCTOR => Some(OTHER_CLINIC),
		_ => None,
	};
	Grants::<Test>::iter_values().any(|g| {
		g.patient == PATIENT
			&& (g.grantee == requester || Some(g.grantee) == employer)
			&& g.revoked_at.is_none()
			&& g.starts <= now
			&& g.ends.is_none_or(|e| now < e)
			&& g.purpose == purpose
			&& g.categories.contains(category)
			&& !g.except.contains(category)
	})
}

#[test]
fn random_sequences_keep_every_invariant_and_match_the_model() {
	for seed in 1..=20u64 {
		new_test_ext().execute_with(|| {
			let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
			let mut inquiries = Vec::new();
			for block in 2..60u64 {
				System::set_block_number(block);
				Consent::on_initialize(block);
				for _ in 0..(rng.next() % 6) {
					random_call(&mut rng, &mut inquiries);
				}
				Consent::do_try_state()
					.unwrap_or_else(|e| panic!("seed {seed}, block {block}: {e:?}"));
				assert_live_grants_counted(&format!("seed {seed}, block {block}"));
				for requester in [DOCTOR, OTHER_DOCTOR, INSURER, STRANGER, CLINIC] {
					for category in CATEGORIES {
						for purpose in PURPOSES {
							assert_eq!(
								decide(requester, category, purpose).is_allowed(),
								model_allows(requester, category, purpose),
								"seed {seed}, block {block}: {requester} {category:?} {purpose:?}"
							);
						}
					}
				}
			}
		});
	}
}
