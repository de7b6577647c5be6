//! Storage migrations of the consent pallet.

/// Version 0 to 1: the live-grant cap and the per-requester inquiry cap (security items 13 and
/// 14) keep counts that version 0 did not. They are counted from what is stored: each patient's
/// index entries, and each (patient, requester)'s pending inquiries. Nobody is blocked yet.
///
/// A patient or requester past a cap under version 0 keeps what it has: the cap refuses only
/// new grants and inquiries until enough of the old ones end.
pub mod v1 {
	use crate::{Config, GrantIndex, Inquiries, LiveGrantCount, Pallet, PendingPerRequester};
	use frame_support::{
		migrations::VersionedMigration, pallet_prelude::*, traits::UncheckedOnRuntimeUpgrade,
	};
	use sp_runtime::traits::Saturating;

	/// Counts every patient's index entries and every pending inquiry. One read per index list
	/// and per inquiry, one write each, in one block: fine while a network holds up to some
	/// hundred thousand of them; a larger one needs a multi-block migration instead.
	pub struct CountLiveGrantsAndInquiries<T>(PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for CountLiveGrantsAndInquiries<T> {
		fn on_runtime_upgrade() -> Weight {
			let mut touched = 0u64;
			for (patient, _, entries) in GrantIndex::<T>::iter() {
				touched.saturating_inc();
				LiveGrantCount::<T>::mutate(&patient, |count| {
					count.saturating_accrue(entries.len() as u32)
				});
			}
			for (_, inquiry) in Inquiries::<T>::iter() {
				touched.saturating_inc();
				PendingPerRequester::<T>::mutate(&inquiry.patient, &inquiry.requester, |count| {
					count.saturating_inc()
				});
			}
			T::DbWeight::get().reads_writes(touched.saturating_mul(2), touched)
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(_state: alloc::vec::Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			Pallet::<T>::do_try_state()
		}
	}

	/// [`CountLiveGrantsAndInquiries`], run once: from storage version 0 to 1.
	pub type MigrateV0ToV1<T> = VersionedMigration<
		0,
		1,
		CountLiveGrantsAndInquiries<T>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;
}
