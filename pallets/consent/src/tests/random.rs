//! Long random sequences of calls across blocks, with every invariant checked after each block,
//! and the access decision checked against a model of the rules.

use super::*;
use crate::{Answer, Grants, Refusal};
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
	let _ = match rng.next() % 7 {
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
			let answer = if rng.next() % 2 == 0 {
				Answer::Approve {
					categories: CategorySet::all(),
					except: CategorySet::empty(),
					duration: 1,
				}
			} else {
				Answer::Deny(Refusal::Other)
			};
			match rng.next() % 3 {
				0 => Consent::answer_inquiry(origin, id, answer),
				1 => Consent::withdraw_inquiry(origin, id),
				_ => Consent::reap_inquiry(origin, id),
			}
		},
		_ => Consent::open_emergency_access(origin, patient, H256::zero()),
	};
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
				Patients::do_try_state()
					.unwrap_or_else(|e| panic!("seed {seed}, block {block}: {e:?}"));
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
