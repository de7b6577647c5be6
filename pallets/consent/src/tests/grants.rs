use super::*;
use crate::{Answer, Error, GrantIndex, Grants, LiveGrantCount};
use frame_support::{assert_noop, assert_ok, dispatch::DispatchResultWithPostInfo};
use sp_core::H256;

/// `agent` grants `grantee` lab results for treatment on PATIENT's behalf, until `ends`.
fn grant_by(agent: AccountId, grantee: AccountId, ends: Option<u64>) -> DispatchResultWithPostInfo {
	Consent::grant(
		RuntimeOrigin::signed(agent),
		PATIENT,
		grantee,
		set(&[LabResults]),
		CategorySet::empty(),
		Purpose::Treatment,
		AccessLevel::Read,
		None,
		ends,
	)
}

/// PATIENT's live-grant count, checked against the entries of PATIENT's index.
fn live_count() -> u32 {
	let counted = LiveGrantCount::<Test>::get(PATIENT);
	let indexed: usize = GrantIndex::<Test>::iter_prefix(PATIENT).map(|(_, list)| list.len()).sum();
	assert_eq!(counted as usize, indexed, "the count is the index's entries");
	counted
}

#[test]
fn patient_grants_and_the_grant_is_evented() {
	build_and_execute(|| {
		let id = grant_to(DOCTOR, &[LabResults], Some(10));
		assert_last(Event::Granted {
			grant: id,
			patient: PATIENT,
			grantee: DOCTOR,
			categories: set(&[LabResults]),
			except: CategorySet::empty(),
			purpose: Purpose::Treatment,
			ends: Some(10),
		});
		assert_eq!(indexed(PATIENT, DOCTOR), vec![id]);
	});
}

#[test]
fn representative_with_manage_scope_grants_for_the_patient() {
	build_and_execute(|| {
		assert_ok!(Consent::grant(
			RuntimeOrigin::signed(GUARDIAN),
			PATIENT,
			DOCTOR,
			set(&[LabResults]),
			CategorySet::empty(),
			Purpose::Treatment,
			AccessLevel::Read,
			None,
			None
		));
	});
}

#[test]
fn a_grant_must_cover_something_after_exceptions() {
	build_and_execute(|| {
		let grant = |categories, except| {
			Consent::grant(
				RuntimeOrigin::signed(PATIENT),
				PATIENT,
				DOCTOR,
				categories,
				except,
				Purpose::Treatment,
				AccessLevel::Read,
				None,
				None,
			)
		};
		assert_noop!(
			grant(CategorySet::empty(), CategorySet::empty()),
			Error::<Test>::InvalidCategories
		);
		assert_noop!(
			grant(CategorySet(1 << 30), CategorySet::empty()),
			Error::<Test>::InvalidCategories
		);
		assert_noop!(
			grant(set(&[MentalHealth]), set(&[MentalHealth])),
			Error::<Test>::NothingGranted
		);
	});
}

#[test]
fn a_grant_cannot_end_before_it_starts_or_in_the_past() {
	build_and_execute(|| {
		System::set_block_number(10);
		let grant = |starts, ends| {
			Consent::grant(
				RuntimeOrigin::signed(PATIENT),
				PATIENT,
				DOCTOR,
				set(&[LabResults]),
				CategorySet::empty(),
				Purpose::Treatment,
				AccessLevel::Read,
				starts,
				ends,
			)
		};
		assert_noop!(grant(None, Some(10)), Error::<Test>::InvalidPeriod);
		assert_noop!(grant(Some(20), Some(15)), Error::<Test>::InvalidPeriod);
		assert_ok!(grant(Some(20), Some(25)));
	});
}

#[test]
fn patients_cannot_grant_to_themselves() {
	build_and_execute(|| {
		assert_noop!(
			Consent::grant(
				RuntimeOrigin::signed(PATIENT),
				PATIENT,
				PATIENT,
				set(&[LabResults]),
				CategorySet::empty(),
				Purpose::Treatment,
				AccessLevel::Read,
				None,
				None
			),
			Error::<Test>::SelfGrant
		);
	});
}

#[test]
fn live_grants_per_grantee_are_bounded_and_lapsed_ones_make_room() {
	build_and_execute(|| {
		for _ in 0..3 {
			grant_to(DOCTOR, &[LabResults], Some(5));
		}
		assert_noop!(
			Consent::grant(
				RuntimeOrigin::signed(PATIENT),
				PATIENT,
				DOCTOR,
				set(&[LabResults]),
				CategorySet::empty(),
				Purpose::Treatment,
				AccessLevel::Read,
				None,
				None
			),
			Error::<Test>::TooManyGrants
		);
		System::set_block_number(5);
		let id = grant_to(DOCTOR, &[LabResults], None);
		assert_eq!(indexed(PATIENT, DOCTOR), vec![id]);
		// The pruned grants no longer count against the patient's cap.
		assert_eq!(live_count(), 1);
		// The lapsed grants' history stays.
		assert_eq!(Grants::<Test>::iter().count(), 4);
	});
}

#[test]
fn live_grants_per_patient_are_capped_and_a_revocation_frees_a_slot() {
	build_and_execute(|| {
		let first = grant_to(DOCTOR, &[LabResults], None);
		for grantee in [INSURER, CLINIC, STRANGER] {
			grant_to(grantee, &[LabResults], None);
		}
		assert_eq!(live_count(), MAX_LIVE_GRANTS);
		assert_noop!(grant_by(PATIENT, OTHER_DOCTOR, None), Error::<Test>::TooManyLiveGrants);
		// A representative is held to the patient's cap, and an approved inquiry too.
		assert_noop!(grant_by(GUARDIAN, OTHER_DOCTOR, None), Error::<Test>::TooManyLiveGrants);
		let inquiry = crate::NextInquiryId::<Test>::get();
		assert_ok!(Consent::inquire(
			RuntimeOrigin::signed(OTHER_DOCTOR),
			PATIENT,
			set(&[LabResults]),
			Purpose::Treatment,
			10,
			vec![]
		));
		let approve = Answer::Approve {
			categories: set(&[LabResults]),
			except: CategorySet::empty(),
			duration: 5,
		};
		assert_noop!(
			Consent::answer_inquiry(RuntimeOrigin::signed(PATIENT), inquiry, approve),
			Error::<Test>::TooManyLiveGrants
		);
		// Another patient's cap is their own.
		assert_ok!(Consent::grant(
			RuntimeOrigin::signed(OTHER_PATIENT),
			OTHER_PATIENT,
			DOCTOR,
			set(&[LabResults]),
			CategorySet::empty(),
			Purpose::Treatment,
			AccessLevel::Read,
			None,
			None
		));

		assert_ok!(Consent::revoke(RuntimeOrigin::signed(PATIENT), first));
		assert_eq!(live_count(), MAX_LIVE_GRANTS - 1);
		assert_ok!(Consent::answer_inquiry(RuntimeOrigin::signed(PATIENT), inquiry, approve));
		assert_eq!(live_count(), MAX_LIVE_GRANTS);
		assert_noop!(grant_by(PATIENT, OTHER_DOCTOR, None), Error::<Test>::TooManyLiveGrants);
		// Revoking everything granted to one grantee frees all its slots.
		assert_ok!(Consent::revoke_all(RuntimeOrigin::signed(PATIENT), PATIENT, OTHER_DOCTOR));
		assert_eq!(live_count(), MAX_LIVE_GRANTS - 1);
		assert_ok!(grant_by(PATIENT, OTHER_DOCTOR, None));
	});
}

#[test]
fn lapsed_grants_are_swept_by_a_grant_at_the_cap() {
	build_and_execute(|| {
		let lapsing = grant_to(DOCTOR, &[LabResults], Some(5));
		let also_lapsing = grant_to(INSURER, &[LabResults], Some(5));
		let lasting = grant_to(CLINIC, &[LabResults], None);
		grant_to(STRANGER, &[LabResults], None);
		assert_noop!(grant_by(PATIENT, OTHER_DOCTOR, None), Error::<Test>::TooManyLiveGrants);

		System::set_block_number(5);
		// Lapsed, not yet swept: they still count.
		assert_eq!(live_count(), MAX_LIVE_GRANTS);
		assert_eq!(Consent::grants(&PATIENT).len(), 2);
		// At the cap, the grant sweeps them out first, and fits.
		let id = crate::NextGrantId::<Test>::get();
		assert_ok!(grant_by(PATIENT, OTHER_DOCTOR, None));
		assert_eq!(live_count(), 3);
		assert!(!GrantIndex::<Test>::contains_key(PATIENT, DOCTOR));
		assert!(!GrantIndex::<Test>::contains_key(PATIENT, INSURER));
		assert_eq!(indexed(PATIENT, CLINIC), vec![lasting]);
		assert_eq!(indexed(PATIENT, OTHER_DOCTOR), vec![id]);
		// Their records stay: "was it valid at T?" is still answered.
		assert_eq!(Consent::grant_valid_at(lapsing, 4), Some(true));
		assert_eq!(Consent::grant_valid_at(also_lapsing, 5), Some(false));
		// A swept grant revoked later frees no second slot.
		assert_ok!(Consent::revoke(RuntimeOrigin::signed(PATIENT), lapsing));
		assert_eq!(live_count(), 3);
	});
}

#[test]
fn a_grant_is_charged_for_a_sweep_only_when_it_sweeps() {
	use crate::WeightInfo;
	use frame_support::dispatch::GetDispatchInfo;
	type Weights = <Test as crate::Config>::WeightInfo;
	build_and_execute(|| {
		let grant = Weights::grant(MaxGrantsPerGrantee::get());
		// Below the cap: the grant alone.
		assert_eq!(grant_by(PATIENT, DOCTOR, Some(5)).unwrap().actual_weight, Some(grant));
		grant_to(INSURER, &[LabResults], Some(5));
		grant_to(CLINIC, &[LabResults], None);
		grant_to(STRANGER, &[LabResults], None);
		System::set_block_number(5);
		// At the cap: the grant and a sweep of the four grantees' lists it read.
		let swept = grant_by(PATIENT, OTHER_DOCTOR, None).unwrap().actual_weight;
		assert_eq!(swept, Some(grant.saturating_add(Weights::sweep(4))));
		assert!(Weights::sweep(4).ref_time() > Weights::sweep(1).ref_time(), "each list costs");
		// Charged beforehand for the largest sweep there can be.
		let call = crate::Call::<Test>::grant {
			patient: PATIENT,
			grantee: VIEWER,
			categories: set(&[LabResults]),
			except: CategorySet::empty(),
			purpose: Purpose::Treatment,
			access: AccessLevel::Read,
			starts: None,
			ends: None,
		};
		let most = grant.saturating_add(Weights::sweep(MAX_LIVE_GRANTS));
		assert_eq!(call.get_dispatch_info().call_weight, most);
	});
}

#[test]
fn break_glass_counts_but_the_cap_never_refuses_it() {
	build_and_execute(|| {
		let first = grant_to(INSURER, &[LabResults], None);
		for grantee in [CLINIC, STRANGER, OTHER_DOCTOR] {
			grant_to(grantee, &[LabResults], None);
		}
		assert_ok!(Consent::open_emergency_access(
			RuntimeOrigin::signed(DOCTOR),
			PATIENT,
			H256::zero()
		));
		assert_eq!(live_count(), MAX_LIVE_GRANTS + 1);
		assert_noop!(grant_by(PATIENT, GUARDIAN, None), Error::<Test>::TooManyLiveGrants);
		// Once it lapses, a sweep takes it out, but the patient's own grants fill the cap.
		System::set_block_number(1 + EMERGENCY_DURATION);
		assert_noop!(grant_by(PATIENT, GUARDIAN, None), Error::<Test>::TooManyLiveGrants);
		assert_ok!(Consent::revoke(RuntimeOrigin::signed(PATIENT), first));
		assert_eq!(live_count(), MAX_LIVE_GRANTS);
		assert_ok!(grant_by(PATIENT, INSURER, None));
		assert_eq!(live_count(), MAX_LIVE_GRANTS);
		assert!(!GrantIndex::<Test>::contains_key(PATIENT, DOCTOR));
	});
}

#[test]
fn break_glass_at_the_cap_sweeps_lapsed_grants_too() {
	build_and_execute(|| {
		let lapsing = grant_to(INSURER, &[LabResults], Some(5));
		for grantee in [CLINIC, STRANGER, OTHER_DOCTOR] {
			grant_to(grantee, &[LabResults], None);
		}
		System::set_block_number(5);
		assert_ok!(Consent::open_emergency_access(
			RuntimeOrigin::signed(DOCTOR),
			PATIENT,
			H256::zero()
		));
		// The lapsed grant left the index to make room: lapsed accesses do not pile up.
		assert_eq!(live_count(), MAX_LIVE_GRANTS);
		assert!(!GrantIndex::<Test>::contains_key(PATIENT, INSURER));
		assert_eq!(Consent::grant_valid_at(lapsing, 4), Some(true));
	});
}

#[test]
fn the_live_grant_count_never_drifts() {
	build_and_execute(|| {
		let lapsing = grant_to(DOCTOR, &[LabResults], Some(5));
		let kept = grant_to(DOCTOR, &[Imaging], None);
		grant_to(INSURER, &[LabResults], Some(5));
		let revoked = grant_to(CLINIC, &[LabResults], None);
		assert_eq!(live_count(), 4);
		assert_noop!(
			Consent::revoke(RuntimeOrigin::signed(STRANGER), kept),
			Error::<Test>::NotAuthorized
		);
		System::set_block_number(5);
		// The sweep takes out the two lapsed grants; the new one counts.
		grant_to(STRANGER, &[LabResults], None);
		assert_eq!(live_count(), 3);
		// Revoking a swept grant, or a revoked one, counts nothing twice.
		assert_ok!(Consent::revoke(RuntimeOrigin::signed(PATIENT), lapsing));
		assert_noop!(
			Consent::revoke(RuntimeOrigin::signed(PATIENT), lapsing),
			Error::<Test>::AlreadyRevoked
		);
		assert_eq!(live_count(), 3);
		assert_ok!(Consent::revoke_all(RuntimeOrigin::signed(PATIENT), PATIENT, DOCTOR));
		assert_eq!(live_count(), 2);
		assert_eq!(Grants::<Test>::get(kept).and_then(|g| g.revoked_at), Some(5));
		// An approved inquiry and a break-glass access count.
		let inquiry = crate::NextInquiryId::<Test>::get();
		assert_ok!(Consent::inquire(
			RuntimeOrigin::signed(INSURER),
			PATIENT,
			set(&[LabResults]),
			Purpose::Payment,
			10,
			vec![]
		));
		assert_ok!(Consent::answer_inquiry(
			RuntimeOrigin::signed(GUARDIAN),
			inquiry,
			Answer::Approve {
				categories: set(&[LabResults]),
				except: CategorySet::empty(),
				duration: 10
			}
		));
		assert_ok!(Consent::open_emergency_access(
			RuntimeOrigin::signed(DOCTOR),
			PATIENT,
			H256::zero()
		));
		assert_eq!(live_count(), 4);
		assert_ok!(Consent::revoke(RuntimeOrigin::signed(GUARDIAN), revoked));
		assert_eq!(live_count(), 3);
		// Closing the account ends every grant; they count until the next sweep, which a
		// grant at the cap after registering again makes.
		assert_ok!(Patients::close_account(RuntimeOrigin::signed(PATIENT)));
		assert_eq!(live_count(), 3);
		assert_ok!(Patients::register(
			RuntimeOrigin::signed(PATIENT),
			medledger_primitives::EncryptionKey([9; 32])
		));
		assert_eq!(Consent::grants(&PATIENT).len(), 0);
		grant_to(OTHER_DOCTOR, &[LabResults], None);
		assert_eq!(live_count(), 4);
		grant_to(INSURER, &[Imaging], None);
		assert_eq!(live_count(), 2);
		assert_eq!(Consent::grants(&PATIENT).len(), 2);
	});
}

#[test]
fn revoked_grant_denies_access_in_the_same_block() {
	build_and_execute(|| {
		let id = grant_to(DOCTOR, &[LabResults], None);
		System::set_block_number(7);
		assert_eq!(decide(DOCTOR, LabResults, Purpose::Treatment), allowed(id));
		assert_ok!(Consent::revoke(RuntimeOrigin::signed(PATIENT), id));
		assert_eq!(decide(DOCTOR, LabResults, Purpose::Treatment), denied(Denial::NoGrant));
		assert_last(Event::Revoked { grant: id, patient: PATIENT, grantee: DOCTOR });
		// History: valid before the revocation block, not from it.
		assert_eq!(Consent::grant_valid_at(id, 6), Some(true));
		assert_eq!(Consent::grant_valid_at(id, 7), Some(false));
		assert_noop!(
			Consent::revoke(RuntimeOrigin::signed(PATIENT), id),
			Error::<Test>::AlreadyRevoked
		);
	});
}

#[test]
fn revoke_all_ends_every_grant_to_one_grantee() {
	build_and_execute(|| {
		let a = grant_to(DOCTOR, &[LabResults], None);
		let b = grant_to(DOCTOR, &[Imaging], None);
		let other = grant_to(INSURER, &[Imaging], None);
		assert_ok!(Consent::revoke_all(RuntimeOrigin::signed(PATIENT), PATIENT, DOCTOR));
		assert_eq!(Grants::<Test>::get(a).unwrap().revoked_at, Some(1));
		assert_eq!(Grants::<Test>::get(b).unwrap().revoked_at, Some(1));
		assert_eq!(Grants::<Test>::get(other).unwrap().revoked_at, None);
		assert!(!GrantIndex::<Test>::contains_key(PATIENT, DOCTOR));
	});
}

#[test]
fn unknown_grant_cannot_be_revoked() {
	build_and_execute(|| {
		assert_noop!(
			Consent::revoke(RuntimeOrigin::signed(PATIENT), GrantId(42)),
			Error::<Test>::NoSuchGrant
		);
	});
}

#[test]
fn closing_the_account_ends_every_grant_at_once() {
	build_and_execute(|| {
		let id = grant_to(DOCTOR, &[LabResults], None);
		assert_ok!(Patients::close_account(RuntimeOrigin::signed(PATIENT)));
		assert_eq!(decide(DOCTOR, LabResults, Purpose::Treatment), denied(Denial::NotAPatient));
		// Registering again does not revive grants of the old epoch.
		assert_ok!(Patients::register(
			RuntimeOrigin::signed(PATIENT),
			medledger_primitives::EncryptionKey([9; 32])
		));
		assert_eq!(decide(DOCTOR, LabResults, Purpose::Treatment), denied(Denial::Revoked));
		assert!(Grants::<Test>::contains_key(id));
	});
}

#[test]
#[should_panic(expected = "MaxLiveGrants must hold at least one grantee's MaxGrantsPerGrantee")]
fn integrity_test_rejects_a_live_grant_cap_below_the_per_grantee_bound() {
	use frame_support::traits::Hooks;
	/// Puts the per-grantee bound back however the test ends.
	struct Reset;
	impl Drop for Reset {
		fn drop(&mut self) {
			MaxGrantsPerGrantee::reset();
		}
	}
	let _reset = Reset;
	new_test_ext().execute_with(|| {
		MaxGrantsPerGrantee::set(MAX_LIVE_GRANTS + 1);
		<Consent as Hooks<u64>>::integrity_test();
	});
}
