//! The storage migrations, on state as the old version left it.

use super::*;
use crate::{
	migrations::{
		v1::MigrateV0ToV1,
		v2::{MigrateV1ToV2, OldGrant, OldGrantOrigin},
	},
	GrantOrigin, Grants, LiveGrantCount, PendingPerRequester,
};
use codec::Encode;
use frame_support::{
	assert_ok,
	traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion},
};
use sp_core::H256;

#[test]
fn version_0_state_gets_its_live_grant_and_inquiry_counts_once() {
	build_and_execute(|| {
		grant_to(DOCTOR, &[LabResults], None);
		grant_to(DOCTOR, &[Imaging], Some(5));
		grant_to(INSURER, &[LabResults], None);
		for from in [INSURER, INSURER, STRANGER] {
			assert_ok!(Consent::inquire(
				RuntimeOrigin::signed(from),
				PATIENT,
				set(&[LabResults]),
				Purpose::Payment,
				30,
				vec![]
			));
		}
		// As version 0 left it: the same grants and inquiries, no counts.
		LiveGrantCount::<Test>::remove(PATIENT);
		PendingPerRequester::<Test>::remove(PATIENT, INSURER);
		PendingPerRequester::<Test>::remove(PATIENT, STRANGER);
		StorageVersion::new(0).put::<Consent>();
		assert!(Consent::do_try_state().is_err(), "version 0 state lacks the counts");

		MigrateV0ToV1::<Test>::on_runtime_upgrade();
		assert_eq!(LiveGrantCount::<Test>::get(PATIENT), 3);
		assert_eq!(PendingPerRequester::<Test>::get(PATIENT, INSURER), 2);
		assert_eq!(PendingPerRequester::<Test>::get(PATIENT, STRANGER), 1);
		assert_eq!(Consent::on_chain_storage_version(), StorageVersion::new(1));

		// Run again: the version says it is done, so nothing is counted twice.
		MigrateV0ToV1::<Test>::on_runtime_upgrade();
		assert_eq!(LiveGrantCount::<Test>::get(PATIENT), 3);
		assert_eq!(PendingPerRequester::<Test>::get(PATIENT, INSURER), 2);
	});
}

/// Writes `grant` as version 1 stored it: the same fields, a break-glass origin without its
/// provider.
fn put_version_1_grant(id: GrantId, grant: &crate::GrantOf<Test>) {
	let origin = match grant.origin.clone() {
		GrantOrigin::Consent => OldGrantOrigin::Consent,
		GrantOrigin::Inquiry(inquiry) => OldGrantOrigin::Inquiry(inquiry),
		GrantOrigin::BreakGlass { reason, flagged, .. } => {
			OldGrantOrigin::BreakGlass { reason, flagged }
		},
	};
	let old = OldGrant {
		patient: grant.patient,
		grantee: grant.grantee,
		categories: grant.categories,
		except: grant.except,
		purpose: grant.purpose,
		access: grant.access,
		starts: grant.starts,
		ends: grant.ends,
		revoked_at: grant.revoked_at,
		epoch: grant.epoch,
		to_provider: grant.to_provider,
		origin,
	};
	frame_support::storage::unhashed::put_raw(&Grants::<Test>::hashed_key_for(id), &old.encode());
}

#[test]
fn version_1_break_glass_grants_gain_the_provider_of_their_practitioner_once() {
	build_and_execute(|| {
		let consent = grant_to(DOCTOR, &[LabResults], None);
		let emergency = crate::NextGrantId::<Test>::get();
		let reason = H256::repeat_byte(3);
		assert_ok!(Consent::open_emergency_access(RuntimeOrigin::signed(DOCTOR), PATIENT, reason));
		let orphan = crate::NextGrantId::<Test>::get();
		assert_ok!(Consent::open_emergency_access(RuntimeOrigin::signed(NURSE), PATIENT, reason));
		let before: Vec<_> =
			[consent, emergency, orphan].map(|id| Grants::<Test>::get(id).unwrap()).into();
		for (id, grant) in [consent, emergency, orphan].into_iter().zip(&before) {
			put_version_1_grant(id, grant);
		}
		StorageVersion::new(1).put::<Consent>();
		// The nurse left the clinic before the upgrade: no provider to name.
		TestProviders::set_employer(NURSE, None);

		MigrateV1ToV2::<Test>::on_runtime_upgrade();
		assert_eq!(Consent::on_chain_storage_version(), StorageVersion::new(2));
		assert_eq!(Grants::<Test>::get(consent), Some(before[0].clone()));
		assert_eq!(Grants::<Test>::get(emergency), Some(before[1].clone()));
		assert_eq!(
			Grants::<Test>::get(orphan).map(|g| g.origin),
			Some(GrantOrigin::BreakGlass { provider: NURSE, reason, flagged: false })
		);
		assert_eq!(decide(DOCTOR, Allergies, Purpose::EmergencyTreatment), allowed(emergency));
		// Hired again, the nurse still cannot use the orphaned access.
		TestProviders::set_employer(NURSE, Some(CLINIC));
		assert_eq!(
			decide(NURSE, Allergies, Purpose::EmergencyTreatment),
			denied(Denial::ProviderInactive)
		);
		assert_ok!(Consent::do_try_state());

		// Run again: the version says it is done, and version 2 state is not decoded as old.
		MigrateV1ToV2::<Test>::on_runtime_upgrade();
		assert_eq!(Grants::<Test>::get(emergency), Some(before[1].clone()));
	});
}
