//! Grants and their index: making a grant under the caps ([`Config::MaxGrantsPerGrantee`] per
//! grantee, [`Config::MaxLiveGrants`] per patient), sweeping lapsed grants out of the index,
//! revoking, and listing a patient's live grants.

use super::*;

impl<T: Config> Pallet<T> {
	/// The body of [`Pallet::grant`], after the origin check: a grant by consent. Returns how
	/// many index lists a sweep of the patient's lapsed grants read.
	#[allow(clippy::too_many_arguments)]
	pub(crate) fn do_grant_by_consent(
		agent: T::AccountId,
		patient: T::AccountId,
		grantee: T::AccountId,
		categories: CategorySet,
		except: CategorySet,
		purpose: Purpose,
		access: AccessLevel,
		starts: Option<BlockNumberFor<T>>,
		ends: Option<BlockNumberFor<T>>,
	) -> Result<u32, DispatchError> {
		Self::ensure_manages(&agent, &patient)?;
		Self::ensure_not_self_serving(&agent, &patient, &grantee)?;
		let now = frame_system::Pallet::<T>::block_number();
		let starts = starts.map_or(now, |s| s.max(now));
		let epoch = T::Patients::consent_epoch(&patient).ok_or(Error::<T>::NotPatient)?;
		let grant = Grant {
			to_provider: T::Providers::status(&grantee).is_some(),
			patient,
			grantee,
			categories,
			except,
			purpose,
			access,
			starts,
			ends,
			revoked_at: None,
			epoch,
			origin: GrantOrigin::Consent,
		};
		let (_, swept) = Self::do_grant(grant)?;
		Ok(swept)
	}

	/// The body of [`Pallet::revoke_all`], after the origin check. Returns how many grants were
	/// revoked.
	pub(crate) fn do_revoke_all(
		agent: T::AccountId,
		patient: T::AccountId,
		grantee: T::AccountId,
	) -> Result<u32, DispatchError> {
		Self::ensure_manages(&agent, &patient)?;
		let live = GrantIndex::<T>::take(&patient, &grantee);
		Self::note_grants_left_index(&patient, live.len() as u32);
		let now = frame_system::Pallet::<T>::block_number();
		for entry in &live {
			if let Some(mut record) = Grants::<T>::get(entry.grant) {
				record.revoked_at = Some(now);
				Grants::<T>::insert(entry.grant, record);
			}
			Self::deposit_event(Event::Revoked {
				grant: entry.grant,
				patient: patient.clone(),
				grantee: grantee.clone(),
			});
		}
		Ok(live.len() as u32)
	}

	/// The live grants of `patient`: (grant, record) for each one not revoked, expired or of an
	/// older epoch. For the runtime API; iterates the patient's index, which holds at most
	/// `MaxLiveGrants` grants made by consent plus the break-glass accesses not yet swept.
	pub fn grants(patient: &T::AccountId) -> Vec<(GrantId, GrantOf<T>)> {
		let now = frame_system::Pallet::<T>::block_number();
		let epoch = T::Patients::consent_epoch(patient);
		let Some(epoch) = epoch else { return Vec::new() };
		GrantIndex::<T>::iter_prefix(patient)
			.flat_map(|(_, entries)| entries.into_iter())
			.filter(|entry| entry.may_hold(now, epoch))
			.filter_map(|entry| Grants::<T>::get(entry.grant).map(|g| (entry.grant, g)))
			.collect()
	}

	/// Record `grant` and index it; returns its identifier and how many index lists a sweep of
	/// the patient's lapsed grants read (0 when the patient was below `MaxLiveGrants`). At the
	/// cap a grant is refused if the sweep freed no place, except break-glass, which the cap
	/// never refuses.
	pub(crate) fn do_grant(grant: GrantOf<T>) -> Result<(GrantId, u32), DispatchError> {
		let now = frame_system::Pallet::<T>::block_number();
		ensure!(grant.patient != grant.grantee, Error::<T>::SelfGrant);
		ensure!(
			grant.categories.is_valid() && grant.except.is_valid() && !grant.categories.is_empty(),
			Error::<T>::InvalidCategories
		);
		ensure!(!grant.categories.without(grant.except).is_empty(), Error::<T>::NothingGranted);
		if let Some(ends) = grant.ends {
			ensure!(ends > grant.starts && ends > now, Error::<T>::InvalidPeriod);
		}
		let id = NextGrantId::<T>::get();
		let next = id.next().ok_or(Error::<T>::Overflow)?;
		let mut swept = 0;
		if LiveGrantCount::<T>::get(&grant.patient) >= T::MaxLiveGrants::get() {
			swept = Self::sweep_lapsed_grants(&grant.patient, now, grant.epoch);
			// An emergency must not fail on the patient's bookkeeping: break-glass is bounded by
			// its own rate limits and lapses within `EmergencyAccessDuration`. It sweeps all the
			// same, so lapsed accesses do not pile up in the index.
			let break_glass = matches!(grant.origin, GrantOrigin::BreakGlass { .. });
			ensure!(
				break_glass || LiveGrantCount::<T>::get(&grant.patient) < T::MaxLiveGrants::get(),
				Error::<T>::TooManyLiveGrants
			);
		}
		GrantIndex::<T>::try_mutate(&grant.patient, &grant.grantee, |live| -> DispatchResult {
			if live.is_full() {
				// Lapsed grants leave the index (their records stay) to make room.
				let before = live.len();
				live.retain(|entry| entry.may_hold(now, grant.epoch));
				Self::note_grants_left_index(&grant.patient, (before - live.len()) as u32);
			}
			let entry = IndexEntry { grant: id, ends: grant.ends, epoch: grant.epoch };
			live.try_push(entry).map_err(|_| Error::<T>::TooManyGrants)?;
			Ok(())
		})?;
		LiveGrantCount::<T>::mutate(&grant.patient, |count| count.saturating_inc());
		NextGrantId::<T>::put(next);
		Self::deposit_event(Event::Granted {
			grant: id,
			patient: grant.patient.clone(),
			grantee: grant.grantee.clone(),
			categories: grant.categories,
			except: grant.except,
			purpose: grant.purpose,
			ends: grant.ends,
		});
		Grants::<T>::insert(id, grant);
		Ok((id, swept))
	}

	/// What a sweep that read `lists` index lists costs, on top of the call that made it:
	/// nothing when it read none (the patient was below `MaxLiveGrants`).
	pub(crate) fn sweep_weight(lists: u32) -> Weight {
		if lists == 0 {
			Weight::zero()
		} else {
			T::WeightInfo::sweep(lists)
		}
	}

	/// Take `patient`'s lapsed grants (ended, or of an older epoch than `epoch`) out of the
	/// index, reading at most `MaxLiveGrants` index lists (one per grantee); their records stay.
	/// Returns how many lists were read. Called when the patient is at the cap: the lists are
	/// at most as many as the entries, so the bound covers them all unless live break-glass
	/// accesses took the count past the cap.
	pub(crate) fn sweep_lapsed_grants(
		patient: &T::AccountId,
		now: BlockNumberFor<T>,
		epoch: u32,
	) -> u32 {
		// Collected first: a map must not be changed while it is iterated.
		let lists: Vec<(T::AccountId, BoundedVec<IndexEntryOf<T>, T::MaxGrantsPerGrantee>)> =
			GrantIndex::<T>::iter_prefix(patient).take(T::MaxLiveGrants::get() as usize).collect();
		let read = lists.len() as u32;
		let mut left_index = 0u32;
		for (grantee, mut entries) in lists {
			let before = entries.len();
			entries.retain(|entry| entry.may_hold(now, epoch));
			if entries.len() == before {
				continue;
			}
			left_index.saturating_accrue((before - entries.len()) as u32);
			if entries.is_empty() {
				GrantIndex::<T>::remove(patient, &grantee);
			} else {
				GrantIndex::<T>::insert(patient, &grantee, entries);
			}
		}
		Self::note_grants_left_index(patient, left_index);
		read
	}

	/// `n` of `patient`'s grants left the index (revoked, or swept out as lapsed): they no
	/// longer count against `MaxLiveGrants`.
	fn note_grants_left_index(patient: &T::AccountId, n: u32) {
		if n == 0 {
			return;
		}
		LiveGrantCount::<T>::mutate_exists(patient, |count| {
			let left = count.unwrap_or(0).defensive_saturating_sub(n);
			*count = (left > 0).then_some(left);
		});
	}

	pub(crate) fn do_revoke(id: GrantId, mut record: GrantOf<T>) {
		let now = frame_system::Pallet::<T>::block_number();
		GrantIndex::<T>::mutate_exists(&record.patient, &record.grantee, |live| {
			if let Some(list) = live {
				let before = list.len();
				list.retain(|entry| entry.grant != id);
				// A lapsed grant may have been swept out already: count only what left now.
				Self::note_grants_left_index(&record.patient, (before - list.len()) as u32);
				if list.is_empty() {
					*live = None;
				}
			}
		});
		record.revoked_at = Some(now);
		Self::deposit_event(Event::Revoked {
			grant: id,
			patient: record.patient.clone(),
			grantee: record.grantee.clone(),
		});
		Grants::<T>::insert(id, record);
	}
}
