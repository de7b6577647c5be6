use super::*;
use crate::{Error, GrantIndex, Grants};
use frame_support::{assert_noop, assert_ok};

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
		// The lapsed grants' history stays.
		assert_eq!(Grants::<Test>::iter().count(), 4);
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
		assert_eq!(Consent::valid_at(id, 6), Some(true));
		assert_eq!(Consent::valid_at(id, 7), Some(false));
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
