//! Inquiries: a requester asks a patient for access, holding [`Config::InquiryDeposit`]; the
//! patient approves (possibly narrower), which grants, or denies; unanswered, an inquiry
//! expires and anyone may reap it. And blocking, which keeps a requester from inquiring.

use super::*;

impl<T: Config> Pallet<T> {
	/// The body of [`Pallet::inquire`], after the origin check.
	pub(crate) fn do_inquire(
		requester: T::AccountId,
		patient: T::AccountId,
		categories: CategorySet,
		purpose: Purpose,
		duration: BlockNumberFor<T>,
		note: Vec<u8>,
	) -> DispatchResult {
		ensure!(T::Patients::is_patient(&patient), Error::<T>::NotPatient);
		ensure!(!Blocked::<T>::contains_key(&patient, &requester), Error::<T>::RequesterBlocked);
		ensure!(categories.is_valid() && !categories.is_empty(), Error::<T>::InvalidCategories);
		ensure!(!duration.is_zero(), Error::<T>::InvalidDuration);
		let note: BoundedVec<u8, T::MaxNoteLength> =
			note.try_into().map_err(|_| Error::<T>::NoteTooLong)?;
		let now = frame_system::Pallet::<T>::block_number();
		let id = NextInquiryId::<T>::get();
		let next = id.next().ok_or(Error::<T>::Overflow)?;

		PendingInquiries::<T>::try_mutate(&patient, |pending| -> DispatchResult {
			if pending.is_full() {
				Self::reap_oldest_if_expired(pending, now);
			}
			pending.try_push(id).map_err(|_| Error::<T>::TooManyPendingInquiries)?;
			Ok(())
		})?;
		// Counted after the reap above, which may have closed one of the requester's own.
		PendingPerRequester::<T>::try_mutate(&patient, &requester, |count| -> DispatchResult {
			ensure!(
				*count < T::MaxPendingInquiriesPerRequester::get(),
				Error::<T>::TooManyInquiriesFromRequester
			);
			count.saturating_inc();
			Ok(())
		})?;
		let deposit = T::InquiryDeposit::get();
		T::Currency::hold(&HoldReason::InquiryDeposit.into(), &requester, deposit)?;
		Inquiries::<T>::insert(
			id,
			Inquiry {
				requester: requester.clone(),
				patient: patient.clone(),
				categories,
				purpose,
				duration,
				note,
				deposit,
				expires_at: now.saturating_add(T::InquiryLifetime::get()),
			},
		);
		NextInquiryId::<T>::put(next);
		Self::deposit_event(Event::InquiryMade {
			inquiry: id,
			patient,
			requester,
			categories,
			purpose,
		});
		Ok(())
	}

	/// The body of [`Pallet::answer_inquiry`], after the origin check. Returns how many index
	/// lists an approval's sweep of the patient's lapsed grants read (0 for a denial).
	pub(crate) fn do_answer_inquiry(
		agent: T::AccountId,
		inquiry: InquiryId,
		answer: Answer<BlockNumberFor<T>>,
	) -> Result<u32, DispatchError> {
		let record = Inquiries::<T>::get(inquiry).ok_or(Error::<T>::NoSuchInquiry)?;
		Self::ensure_manages(&agent, &record.patient)?;
		let now = frame_system::Pallet::<T>::block_number();
		ensure!(now < record.expires_at, Error::<T>::InquiryExpired);
		let swept = match answer {
			Answer::Approve { categories, except, duration } => {
				Self::ensure_not_self_serving(&agent, &record.patient, &record.requester)?;
				ensure!(
					categories.is_subset_of(record.categories)
						&& !duration.is_zero()
						&& duration <= record.duration,
					Error::<T>::BroaderThanAsked
				);
				let epoch =
					T::Patients::consent_epoch(&record.patient).ok_or(Error::<T>::NotPatient)?;
				let (grant, swept) = Self::do_grant(Grant {
					to_provider: T::Providers::status(&record.requester).is_some(),
					patient: record.patient.clone(),
					grantee: record.requester.clone(),
					categories,
					except,
					purpose: record.purpose,
					access: AccessLevel::Read,
					starts: now,
					ends: Some(now.saturating_add(duration)),
					revoked_at: None,
					epoch,
					origin: GrantOrigin::Inquiry(inquiry),
				})?;
				Self::close_inquiry(inquiry, &record)?;
				Self::deposit_event(Event::InquiryApproved {
					inquiry,
					patient: record.patient,
					grant,
				});
				swept
			},
			Answer::Deny(Refusal::Spam) => {
				let amount = T::Currency::burn_held(
					&HoldReason::InquiryDeposit.into(),
					&record.requester,
					record.deposit,
					Precision::BestEffort,
					Fortitude::Force,
				)?;
				Self::remove_inquiry(inquiry, &record);
				Self::deposit_event(Event::DepositForfeited {
					inquiry,
					requester: record.requester,
					amount,
				});
				Self::deposit_event(Event::InquiryDenied {
					inquiry,
					patient: record.patient,
					reason: Refusal::Spam,
				});
				0
			},
			Answer::Deny(reason) => {
				Self::close_inquiry(inquiry, &record)?;
				Self::deposit_event(Event::InquiryDenied {
					inquiry,
					patient: record.patient,
					reason,
				});
				0
			},
		};
		Ok(swept)
	}

	/// The body of [`Pallet::block_requester`], after the origin check.
	pub(crate) fn do_block_requester(
		agent: T::AccountId,
		patient: T::AccountId,
		requester: T::AccountId,
	) -> DispatchResult {
		Self::ensure_manages(&agent, &patient)?;
		ensure!(!Blocked::<T>::contains_key(&patient, &requester), Error::<T>::AlreadyBlocked);
		BlockedCount::<T>::try_mutate(&patient, |count| -> DispatchResult {
			ensure!(*count < T::MaxBlockedRequesters::get(), Error::<T>::TooManyBlocked);
			count.saturating_inc();
			Ok(())
		})?;
		Blocked::<T>::insert(&patient, &requester, ());
		Self::deposit_event(Event::RequesterBlocked { patient, requester });
		Ok(())
	}

	/// The body of [`Pallet::unblock_requester`], after the origin check.
	pub(crate) fn do_unblock_requester(
		agent: T::AccountId,
		patient: T::AccountId,
		requester: T::AccountId,
	) -> DispatchResult {
		Self::ensure_manages(&agent, &patient)?;
		ensure!(Blocked::<T>::take(&patient, &requester).is_some(), Error::<T>::NotBlocked);
		BlockedCount::<T>::mutate_exists(&patient, |count| {
			let left = count.unwrap_or(0).defensive_saturating_sub(1);
			*count = (left > 0).then_some(left);
		});
		Self::deposit_event(Event::RequesterUnblocked { patient, requester });
		Ok(())
	}

	/// The pending inquiries of `patient`, for the runtime API.
	pub fn pending_inquiries(
		patient: &T::AccountId,
	) -> Vec<(InquiryId, InquirySummary<T::AccountId, BlockNumberFor<T>>)> {
		PendingInquiries::<T>::get(patient)
			.into_iter()
			.filter_map(|id| {
				Inquiries::<T>::get(id).map(|i| {
					let summary = InquirySummary {
						requester: i.requester,
						categories: i.categories,
						purpose: i.purpose,
						duration: i.duration,
						expires_at: i.expires_at,
					};
					(id, summary)
				})
			})
			.collect()
	}

	/// Make room in a full pending list by reaping its oldest inquiry if it has expired,
	/// returning the deposit. Inquiries are pending in the order they were made and all live
	/// `InquiryLifetime` blocks, so the oldest expires first: one read, however long the list.
	fn reap_oldest_if_expired(
		pending: &mut BoundedVec<InquiryId, T::MaxPendingInquiries>,
		now: BlockNumberFor<T>,
	) {
		let Some(&oldest) = pending.first() else { return };
		match Inquiries::<T>::get(oldest) {
			Some(inquiry) if now >= inquiry.expires_at => {
				let _ = T::Currency::release(
					&HoldReason::InquiryDeposit.into(),
					&inquiry.requester,
					inquiry.deposit,
					Precision::BestEffort,
				);
				Inquiries::<T>::remove(oldest);
				Self::note_inquiry_closed(&inquiry.patient, &inquiry.requester);
				Self::deposit_event(Event::InquiryExpired {
					inquiry: oldest,
					patient: inquiry.patient,
				});
				pending.remove(0);
			},
			Some(_) => {},
			None => {
				pending.remove(0);
			},
		}
	}

	/// Close an inquiry, returning the requester's deposit.
	pub(crate) fn close_inquiry(id: InquiryId, inquiry: &InquiryOf<T>) -> DispatchResult {
		T::Currency::release(
			&HoldReason::InquiryDeposit.into(),
			&inquiry.requester,
			inquiry.deposit,
			Precision::BestEffort,
		)?;
		Self::remove_inquiry(id, inquiry);
		Ok(())
	}

	/// Remove an inquiry whose deposit was settled: from the inquiries, the patient's pending
	/// list and the requester's count.
	fn remove_inquiry(id: InquiryId, inquiry: &InquiryOf<T>) {
		Inquiries::<T>::remove(id);
		PendingInquiries::<T>::mutate_exists(&inquiry.patient, |pending| {
			if let Some(list) = pending {
				list.retain(|i| *i != id);
				if list.is_empty() {
					*pending = None;
				}
			}
		});
		Self::note_inquiry_closed(&inquiry.patient, &inquiry.requester);
	}

	/// One of `requester`'s inquiries to `patient` is no longer pending: it no longer counts
	/// against `MaxPendingInquiriesPerRequester`.
	fn note_inquiry_closed(patient: &T::AccountId, requester: &T::AccountId) {
		PendingPerRequester::<T>::mutate_exists(patient, requester, |count| {
			let left = count.unwrap_or(0).defensive_saturating_sub(1);
			*count = (left > 0).then_some(left);
		});
	}
}
