//! The access decision: may a requester read a patient's records, for a purpose, at a block;
//! allowed under which grant, or denied with why ([`Pallet::access_decision`]); and was a grant
//! valid at a block ([`Pallet::grant_valid_at`]). The other pallets reach both through
//! [`medledger_primitives::ConsentRegistry`], implemented here.

use super::*;

/// How a grantee stands now, as the access decision needs it.
struct Standing<'a, AccountId> {
	/// Its status if it is a registered provider.
	provider: Option<ProviderStatus>,
	/// The provider it works for, if it works for one and that one is active.
	active_employer: Option<&'a AccountId>,
}

impl<T: Config> Pallet<T> {
	/// The one access decision: may `requester` read `patient`'s records that need every
	/// category of `needed` (a record's class and the sensitive categories of its labels, see
	/// [`medledger_primitives::categories_of_record`]) for `purpose`, on the chain's state at
	/// block `at`?
	///
	/// The patient, and representatives whose scope lets them view records, are always
	/// allowed (with no grant). Otherwise one grant must be in force at `at` (its period,
	/// revocation and the patient's account: [`medledger_primitives::GrantPeriod`]), serve
	/// `purpose`, cover every needed category and except none of them, and its grantee must
	/// stand now: a grant to the requester, which if the requester is (or was granted as) a
	/// provider needs it active, and if it is break-glass needs the practitioner still employed
	/// by the provider it opened the access for, and that provider active; or a grant to the
	/// active provider that employs the requester now (a grant to an employer that is not
	/// active is read all the same, to answer `ProviderInactive`). When none does, the most
	/// telling reason is given.
	///
	/// The patient, representatives and standings are read as they are on the state this runs
	/// on; every caller passes that state's block as `at`. A grant of a closed consent epoch is
	/// then out of force without being read (it was closed by now, so by `at`); for an earlier
	/// `at` it is read and judged as of `at`.
	pub fn access_decision(
		requester: &T::AccountId,
		patient: &T::AccountId,
		needed: CategorySet,
		purpose: Purpose,
		at: BlockNumberFor<T>,
	) -> AccessDecision {
		let Some(epoch) = T::Patients::consent_epoch(patient) else {
			return AccessDecision::Denied(Denial::NotAPatient);
		};
		if !needed.is_valid() || needed.is_empty() {
			return AccessDecision::Denied(Denial::NoGrant);
		}
		if T::Patients::may_view_records(requester, patient) {
			return AccessDecision::Allowed { grant: None };
		}
		// The active provider the requester works for: a provider acts for itself, but is
		// nobody's practitioner.
		let active_employer =
			T::Providers::acting_provider(requester).filter(|provider| provider != requester);
		let standing = Standing {
			provider: T::Providers::status(requester),
			active_employer: active_employer.as_ref(),
		};
		let now = frame_system::Pallet::<T>::block_number();
		let mut best = Denial::NoGrant;
		let mut consider =
			|grantee: &T::AccountId, standing: Standing<T::AccountId>| -> Option<GrantId> {
				for entry in GrantIndex::<T>::get(patient, grantee) {
					// The current epoch has not ended: its grants were not closed.
					let closed_at = if entry.epoch == epoch {
						None
					} else if at >= now {
						// Closed by now, so by `at`: out of force, with no need to read it.
						best = best.max_by_rank(Denial::Revoked);
						continue;
					} else {
						T::Patients::epoch_ended(patient, entry.epoch)
					};
					let Some(grant) = Grants::<T>::get(entry.grant) else { continue };
					match Self::judge(&grant, closed_at, needed, purpose, at, &standing) {
						Ok(()) => return Some(entry.grant),
						Err(denial) => best = best.max_by_rank(denial),
					}
				}
				None
			};
		if let Some(grant) = consider(requester, standing) {
			return AccessDecision::Allowed { grant: Some(grant) };
		}
		if let Some(employer) = T::Providers::employer(requester) {
			// A grant to the clinic covers its staff only while the clinic is active; while it
			// is not, its grants are read all the same, to tell the requester why.
			let clinic = Standing {
				provider: Some(if active_employer.as_ref() == Some(&employer) {
					ProviderStatus::Active
				} else {
					ProviderStatus::Suspended
				}),
				active_employer: None,
			};
			if let Some(grant) = consider(&employer, clinic) {
				return AccessDecision::Allowed { grant: Some(grant) };
			}
		}
		AccessDecision::Denied(best)
	}

	/// Whether `grant` (whose patient closed its epoch's account at `closed_at`, if they did)
	/// lets a grantee of `standing` (as it stands now) read what needs `needed` for `purpose`
	/// at block `at`.
	fn judge(
		grant: &GrantOf<T>,
		closed_at: Option<BlockNumberFor<T>>,
		needed: CategorySet,
		purpose: Purpose,
		at: BlockNumberFor<T>,
		standing: &Standing<T::AccountId>,
	) -> Result<(), Denial> {
		grant.covers(needed, purpose)?;
		grant.period(closed_at).in_force(at)?;
		let is_provider = grant.to_provider || standing.provider.is_some();
		if is_provider && standing.provider != Some(ProviderStatus::Active) {
			return Err(Denial::ProviderInactive);
		}
		if let GrantOrigin::BreakGlass { provider, .. } = &grant.origin {
			// Emergency access is the clinic's as much as the practitioner's: it ends when the
			// practitioner leaves that clinic (even for another) or the clinic stops being active.
			if standing.active_employer != Some(provider) {
				return Err(Denial::ProviderInactive);
			}
		}
		Ok(())
	}

	/// Whether `grant` was valid at block `at`, if it exists: in force by
	/// [`medledger_primitives::GrantPeriod::in_force`], the rule the access decision applies,
	/// given the block at which the patient closed the grant's account, if they did (a grant
	/// of a closed account holds at no block from the closing on).
	pub fn grant_valid_at(grant: GrantId, at: BlockNumberFor<T>) -> Option<bool> {
		Grants::<T>::get(grant).map(|g| {
			let closed_at = T::Patients::epoch_ended(&g.patient, g.epoch);
			g.period(closed_at).in_force(at).is_ok()
		})
	}
}

impl<T: Config> medledger_primitives::ConsentRegistry<T::AccountId, BlockNumberFor<T>>
	for Pallet<T>
{
	fn access_decision(
		requester: &T::AccountId,
		patient: &T::AccountId,
		needed: CategorySet,
		purpose: Purpose,
		at: BlockNumberFor<T>,
	) -> AccessDecision {
		Pallet::<T>::access_decision(requester, patient, needed, purpose, at)
	}

	fn parties(grant: GrantId) -> Option<(T::AccountId, T::AccountId)> {
		Grants::<T>::get(grant).map(|g| (g.patient, g.grantee))
	}

	fn grant_valid_at(grant: GrantId, at: BlockNumberFor<T>) -> Option<bool> {
		Pallet::<T>::grant_valid_at(grant, at)
	}

	fn covers(grant: GrantId, needed: CategorySet, purpose: Purpose) -> bool {
		Grants::<T>::get(grant).is_some_and(|g| g.covers(needed, purpose).is_ok())
	}
}
