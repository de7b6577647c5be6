//! The pallet's invariants: of its configuration, asserted by `integrity_test`, and of its
//! storage, listed in the crate docs and checked by `do_try_state` under `try-runtime` and after
//! every unit test.

use super::*;

impl<T: Config> Pallet<T> {
	/// Asserts that the configuration is sane: every bound positive, the live-grant cap holding
	/// at least one grantee's grants, the per-requester inquiry cap within the pending one, and
	/// break-glass opening some valid categories. Run by `integrity_test`.
	pub(crate) fn do_integrity_test() {
		assert!(T::MaxGrantsPerGrantee::get() > 0, "MaxGrantsPerGrantee must be positive");
		assert!(T::MaxPendingInquiries::get() > 0, "MaxPendingInquiries must be positive");
		assert!(
			T::MaxLiveGrants::get() >= T::MaxGrantsPerGrantee::get(),
			"MaxLiveGrants must hold at least one grantee's MaxGrantsPerGrantee"
		);
		assert!(
			T::MaxPendingInquiriesPerRequester::get() > 0
				&& T::MaxPendingInquiriesPerRequester::get() <= T::MaxPendingInquiries::get(),
			"MaxPendingInquiriesPerRequester must be positive and at most MaxPendingInquiries"
		);
		assert!(T::MaxBlockedRequesters::get() > 0, "MaxBlockedRequesters must be positive");
		assert!(
			T::EmergencyCategories::get().is_valid() && !T::EmergencyCategories::get().is_empty(),
			"EmergencyCategories must name categories"
		);
	}

	/// Checks every invariant listed in the crate docs.
	#[cfg(any(feature = "try-runtime", test))]
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		use alloc::collections::BTreeMap;
		use frame_support::traits::fungible::InspectHold;
		/// Whether `counted` (a stored count map, zero counts absent) is `expected` exactly.
		fn same_counts<K: Ord>(
			counted: impl Iterator<Item = (K, u32)>,
			expected: &BTreeMap<K, u32>,
		) -> bool {
			let counted: BTreeMap<K, u32> = counted.collect();
			counted.len() == expected.len()
				&& counted.iter().all(|(k, n)| *n > 0 && expected.get(k) == Some(n))
		}
		let next_grant = NextGrantId::<T>::get();
		let mut indexed = BTreeMap::<T::AccountId, u32>::new();
		for (patient, grantee, entries) in GrantIndex::<T>::iter() {
			ensure!(!entries.is_empty(), "empty grant index kept");
			indexed.entry(patient.clone()).or_default().saturating_accrue(entries.len() as u32);
			for entry in entries {
				let grant = Grants::<T>::get(entry.grant).ok_or("indexed grant missing")?;
				ensure!(grant.patient == patient && grant.grantee == grantee, "index mismatch");
				ensure!(grant.revoked_at.is_none(), "revoked grant still indexed");
				ensure!(
					grant.ends == entry.ends && grant.epoch == entry.epoch,
					"index entry differs from its grant"
				);
			}
		}
		ensure!(
			same_counts(LiveGrantCount::<T>::iter(), &indexed),
			"live-grant count differs from the patient's index entries"
		);
		for (id, _) in Grants::<T>::iter() {
			ensure!(id < next_grant, "grant id at or above the counter");
		}
		let next_inquiry = NextInquiryId::<T>::get();
		let mut deposits = BTreeMap::<T::AccountId, BalanceOf<T>>::new();
		let mut per_requester = BTreeMap::<(T::AccountId, T::AccountId), u32>::new();
		for (id, inquiry) in Inquiries::<T>::iter() {
			ensure!(id < next_inquiry, "inquiry id at or above the counter");
			ensure!(
				PendingInquiries::<T>::get(&inquiry.patient).contains(&id),
				"inquiry not pending for its patient"
			);
			per_requester
				.entry((inquiry.patient.clone(), inquiry.requester.clone()))
				.or_default()
				.saturating_inc();
			let sum = deposits.entry(inquiry.requester).or_default();
			*sum = sum.saturating_add(inquiry.deposit);
		}
		ensure!(
			same_counts(
				PendingPerRequester::<T>::iter().map(|(p, r, n)| ((p, r), n)),
				&per_requester
			),
			"pending count per requester differs from the pending inquiries"
		);
		let mut blocked = BTreeMap::<T::AccountId, u32>::new();
		for (patient, _, ()) in Blocked::<T>::iter() {
			blocked.entry(patient).or_default().saturating_inc();
		}
		ensure!(
			same_counts(BlockedCount::<T>::iter(), &blocked),
			"blocked count differs from the blocked requesters"
		);
		ensure!(
			blocked.values().all(|n| *n <= T::MaxBlockedRequesters::get()),
			"a patient blocked more than MaxBlockedRequesters"
		);
		for (patient, pending) in PendingInquiries::<T>::iter() {
			ensure!(!pending.is_empty(), "empty pending list kept");
			for id in pending {
				let inquiry = Inquiries::<T>::get(id).ok_or("pending inquiry missing")?;
				ensure!(inquiry.patient == patient, "pending inquiry of another patient");
			}
		}
		for (requester, sum) in deposits {
			let held = T::Currency::balance_on_hold(&HoldReason::InquiryDeposit.into(), &requester);
			ensure!(held == sum, "inquiry deposits differ from the holds");
		}
		Ok(())
	}
}
