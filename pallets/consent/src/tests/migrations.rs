//! The storage migrations, on state as the old version left it.

use super::*;
use crate::{migrations::v1::MigrateV0ToV1, LiveGrantCount, PendingPerRequester};
use frame_support::{
	assert_ok,
	traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion},
};

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
