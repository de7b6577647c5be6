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

/// Version 1 to 2: a break-glass grant names the provider it was opened for (security item 8,
/// "Attacker-review leftovers"): the access ends when the practitioner leaves that provider,
/// even for another active one. Each stored break-glass grant gets the provider that employs
/// its practitioner at the upgrade (the one it was opened for, unless the practitioner moved
/// since); a practitioner employed by none gets its own account, which no practitioner is
/// employed by, so that grant holds no more. Other grants are rewritten unchanged.
pub mod v2 {
	use crate::{Config, Grant, GrantOrigin, Grants, Pallet};
	use codec::{Decode, Encode};
	use frame_support::{
		migrations::VersionedMigration, pallet_prelude::*, traits::UncheckedOnRuntimeUpgrade,
	};
	use frame_system::pallet_prelude::BlockNumberFor;
	use medledger_primitives::{AccessLevel, CategorySet, InquiryId, ProviderRegistry, Purpose};
	use sp_core::H256;
	use sp_runtime::traits::Saturating;

	/// How version 1 stored a grant's origin.
	#[derive(Encode, Decode)]
	pub enum OldGrantOrigin {
		/// Granted by the patient or a representative.
		Consent,
		/// An approved inquiry.
		Inquiry(InquiryId),
		/// Break-glass, without its provider.
		BreakGlass {
			/// The stated reason's hash.
			reason: H256,
			/// Flagged for review.
			flagged: bool,
		},
	}

	/// How version 1 stored a grant: as now, but with [`OldGrantOrigin`].
	#[derive(Encode, Decode)]
	#[allow(missing_docs)]
	pub struct OldGrant<AccountId, BlockNumber> {
		pub patient: AccountId,
		pub grantee: AccountId,
		pub categories: CategorySet,
		pub except: CategorySet,
		pub purpose: Purpose,
		pub access: AccessLevel,
		pub starts: BlockNumber,
		pub ends: Option<BlockNumber>,
		pub revoked_at: Option<BlockNumber>,
		pub epoch: u32,
		pub to_provider: bool,
		pub origin: OldGrantOrigin,
	}

	/// Rewrites every grant, naming a break-glass grant's provider. One read and one write per
	/// grant (and one read of the employer per break-glass grant) in one block: fine while a
	/// network holds up to some hundred thousand grants; a larger one needs a multi-block
	/// migration instead.
	pub struct NameBreakGlassProvider<T>(PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for NameBreakGlassProvider<T> {
		fn on_runtime_upgrade() -> Weight {
			let (mut grants, mut break_glass) = (0u64, 0u64);
			Grants::<T>::translate::<OldGrant<T::AccountId, BlockNumberFor<T>>, _>(|_, old| {
				grants.saturating_inc();
				let origin = match old.origin {
					OldGrantOrigin::Consent => GrantOrigin::Consent,
					OldGrantOrigin::Inquiry(inquiry) => GrantOrigin::Inquiry(inquiry),
					OldGrantOrigin::BreakGlass { reason, flagged } => {
						break_glass.saturating_inc();
						let provider = T::Providers::employer(&old.grantee)
							.unwrap_or_else(|| old.grantee.clone());
						GrantOrigin::BreakGlass { provider, reason, flagged }
					},
				};
				Some(Grant {
					patient: old.patient,
					grantee: old.grantee,
					categories: old.categories,
					except: old.except,
					purpose: old.purpose,
					access: old.access,
					starts: old.starts,
					ends: old.ends,
					revoked_at: old.revoked_at,
					epoch: old.epoch,
					to_provider: old.to_provider,
					origin,
				})
			});
			T::DbWeight::get().reads_writes(grants.saturating_add(break_glass), grants)
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(_state: alloc::vec::Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			Pallet::<T>::do_try_state()
		}
	}

	/// [`NameBreakGlassProvider`], run once: from storage version 1 to 2.
	pub type MigrateV1ToV2<T> = VersionedMigration<
		1,
		2,
		NameBreakGlassProvider<T>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;
}
