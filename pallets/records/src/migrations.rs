//! Storage migrations of the records pallet.

/// Version 0 to 1: every document set gains its sensitivity labels (issue 9). A record filed
/// before labels existed carries none; its custodian may amend it to add them.
pub mod v1 {
	use crate::{Config, DocumentSet, DocumentSets, Pallet};
	use codec::{Decode, Encode};
	use frame_support::{
		migrations::VersionedMigration, pallet_prelude::*, traits::UncheckedOnRuntimeUpgrade,
	};
	use medledger_primitives::{LabelSet, RecordCategory, RecordId};
	use sp_core::H256;

	/// A document set as version 0 stored it: without labels.
	#[derive(Encode, Decode)]
	pub struct OldDocumentSet<AccountId, Balance, BlockNumber, MaxMetadata: Get<u32>> {
		pub patient: AccountId,
		pub category: RecordCategory,
		pub content_hash: H256,
		pub size: u64,
		pub custodian: AccountId,
		pub registered_by: AccountId,
		pub metadata: BoundedVec<u8, MaxMetadata>,
		pub supersedes: Option<RecordId>,
		pub superseded_by: Option<RecordId>,
		pub registered_at: BlockNumber,
		pub dispute: Option<H256>,
		pub deposit: Balance,
	}

	impl<AccountId, Balance, BlockNumber, MaxMetadata: Get<u32>>
		OldDocumentSet<AccountId, Balance, BlockNumber, MaxMetadata>
	{
		/// The same entry with no labels.
		pub fn upgraded(self) -> DocumentSet<AccountId, Balance, BlockNumber, MaxMetadata> {
			DocumentSet {
				patient: self.patient,
				category: self.category,
				labels: LabelSet::empty(),
				content_hash: self.content_hash,
				size: self.size,
				custodian: self.custodian,
				registered_by: self.registered_by,
				metadata: self.metadata,
				supersedes: self.supersedes,
				superseded_by: self.superseded_by,
				registered_at: self.registered_at,
				dispute: self.dispute,
				deposit: self.deposit,
			}
		}
	}

	/// [`OldDocumentSet`] with this runtime's types.
	pub type OldDocumentSetOf<T> = OldDocumentSet<
		<T as frame_system::Config>::AccountId,
		crate::BalanceOf<T>,
		frame_system::pallet_prelude::BlockNumberFor<T>,
		<T as Config>::MaxMetadataLength,
	>;

	/// Rewrites every document set with empty labels. One read and one write per record, in
	/// one block: fine while a network holds up to some hundred thousand records; a larger one
	/// needs a multi-block migration instead.
	pub struct AddLabels<T>(PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for AddLabels<T> {
		fn on_runtime_upgrade() -> Weight {
			let mut count = 0u64;
			DocumentSets::<T>::translate::<OldDocumentSetOf<T>, _>(|_, old| {
				count = count.saturating_add(1);
				Some(old.upgraded())
			});
			T::DbWeight::get().reads_writes(count, count)
		}

		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<alloc::vec::Vec<u8>, sp_runtime::TryRuntimeError> {
			Ok((DocumentSets::<T>::iter_keys().count() as u64).encode())
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(state: alloc::vec::Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			let before = u64::decode(&mut &state[..]).map_err(|_| "bad pre-upgrade state")?;
			let after = DocumentSets::<T>::iter_values().count() as u64;
			ensure!(before == after, "a document set was lost or did not decode");
			Ok(())
		}
	}

	/// [`AddLabels`], run once: from storage version 0 to 1.
	pub type MigrateV0ToV1<T> =
		VersionedMigration<0, 1, AddLabels<T>, Pallet<T>, <T as frame_system::Config>::DbWeight>;
}
