//! Break-glass: a practitioner of an active provider opens time-boxed emergency access to the
//! [`Config::EmergencyCategories`], within a per-practitioner and a per-provider rate limit per
//! [`Config::EmergencyWindow`]; the patient may flag it for the council's review.

use super::*;

impl<T: Config> Pallet<T> {
	/// The body of [`Pallet::open_emergency_access`], after the origin check. Returns how many
	/// index lists a sweep of the patient's lapsed grants read.
	pub(crate) fn do_open_emergency_access(
		practitioner: T::AccountId,
		patient: T::AccountId,
		reason: H256,
	) -> Result<u32, DispatchError> {
		// Breaking glass is a clinician's act, counted per practitioner: a provider's own
		// account acts for the provider but is no practitioner of it.
		let provider = T::Providers::acting_provider(&practitioner)
			.filter(|provider| provider != &practitioner)
			.ok_or(Error::<T>::NotPractitioner)?;
		let epoch = T::Patients::consent_epoch(&patient).ok_or(Error::<T>::NotPatient)?;
		let now = frame_system::Pallet::<T>::block_number();
		Self::note_emergency_use(&practitioner, &provider, now)?;
		let ends = now.saturating_add(T::EmergencyAccessDuration::get());
		// Break-glass counts as a live grant of the patient but is never refused by
		// `MaxLiveGrants`; at the cap it sweeps lapsed grants all the same.
		let (grant, swept) = Self::do_grant(Grant {
			patient: patient.clone(),
			grantee: practitioner.clone(),
			categories: T::EmergencyCategories::get(),
			except: CategorySet::empty(),
			purpose: Purpose::EmergencyTreatment,
			access: AccessLevel::Read,
			starts: now,
			ends: Some(ends),
			revoked_at: None,
			epoch,
			to_provider: false,
			origin: GrantOrigin::BreakGlass { provider: provider.clone(), reason, flagged: false },
		})?;
		Self::deposit_event(Event::EmergencyAccessOpened {
			grant,
			patient,
			practitioner,
			provider,
			reason,
			ends,
		});
		Ok(swept)
	}

	/// The body of [`Pallet::flag_emergency_access`], after the origin check.
	pub(crate) fn do_flag_emergency_access(agent: T::AccountId, grant: GrantId) -> DispatchResult {
		let (patient, practitioner) = Grants::<T>::try_mutate(grant, |record| {
			let record = record.as_mut().ok_or(Error::<T>::NoSuchGrant)?;
			Self::ensure_manages(&agent, &record.patient)?;
			match &mut record.origin {
				GrantOrigin::BreakGlass { flagged, .. } => *flagged = true,
				_ => return Err(Error::<T>::NotEmergencyAccess),
			}
			Ok::<_, Error<T>>((record.patient.clone(), record.grantee.clone()))
		})?;
		Self::deposit_event(Event::EmergencyAccessFlagged { grant, patient, practitioner });
		Ok(())
	}

	/// Count a break-glass access against the practitioner's and the provider's limits.
	fn note_emergency_use(
		practitioner: &T::AccountId,
		provider: &T::AccountId,
		now: BlockNumberFor<T>,
	) -> DispatchResult {
		let length = T::EmergencyWindow::get();
		let count = |usage: &mut Option<FixedWindowOf<T>>, max: u32| -> DispatchResult {
			let window = FixedWindow::at(*usage, now, length);
			ensure!(window.count < max, Error::<T>::EmergencyRateLimited);
			*usage = Some(window.counted());
			Ok(())
		};
		EmergencyUse::<T>::try_mutate(practitioner, |usage| {
			count(usage, T::MaxEmergencyAccessesPerWindow::get())
		})?;
		ProviderEmergencyUse::<T>::try_mutate(provider, |usage| {
			count(usage, T::MaxEmergencyAccessesPerProviderPerWindow::get())
		})
	}
}
