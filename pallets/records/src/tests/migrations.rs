//! The storage migrations, on entries written as the old version wrote them.

use super::*;
use crate::migrations::v1::{MigrateV0ToV1, OldDocumentSet};
use codec::Encode;
use frame_support::traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion};
use medledger_primitives::LabelSet;

#[test]
fn document_sets_of_version_0_gain_empty_labels_once() {
	new_test_ext().execute_with(|| {
		let id = lab_result();
		let current = crate::DocumentSets::<Test>::get(id).expect("registered");
		// Write it back as version 0 stored it: the same fields without labels.
		let old = OldDocumentSet::<_, _, _, <Test as crate::Config>::MaxMetadataLength> {
			patient: current.patient,
			category: current.category,
			content_hash: current.content_hash,
			size: current.size,
			custodian: current.custodian,
			registered_by: current.registered_by,
			metadata: current.metadata.clone(),
			supersedes: current.supersedes,
			superseded_by: current.superseded_by,
			registered_at: current.registered_at,
			dispute: current.dispute,
			deposit: current.deposit,
		};
		let key = crate::DocumentSets::<Test>::hashed_key_for(id);
		frame_support::storage::unhashed::put_raw(&key, &old.encode());
		StorageVersion::new(0).put::<Records>();
		assert!(crate::DocumentSets::<Test>::try_get(id).is_err(), "old entries do not decode");

		MigrateV0ToV1::<Test>::on_runtime_upgrade();
		let migrated = crate::DocumentSets::<Test>::get(id).expect("decodes again");
		assert_eq!(migrated.labels, LabelSet::empty());
		assert_eq!(migrated.content_hash, current.content_hash);
		assert_eq!(migrated.metadata, current.metadata);
		assert_eq!(Records::on_chain_storage_version(), StorageVersion::new(1));

		// Run again: the version says it is done, so even an old-format entry stays as it is.
		frame_support::storage::unhashed::put_raw(&key, &old.encode());
		MigrateV0ToV1::<Test>::on_runtime_upgrade();
		assert_eq!(frame_support::storage::unhashed::get_raw(&key), Some(old.encode()));
	});
}
