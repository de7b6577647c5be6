//! # Research Study contract
//!
//! A researcher opens a study with a budget and fixed [`Terms`]: the record categories it
//! reads, a reward for enrolling, a reward for one follow-up, a cap on participants, a
//! deadline, the hash of its protocol and, optionally, the record classes that make a patient
//! eligible. Patients who consent enroll themselves and are paid at once.
//!
//! [`Terms`]: research_study::Terms
//! [`FollowUp::Ended`]: research_study::FollowUp::Ended
//!
//! ## Consent
//!
//! The study reads records for [`Purpose::Research`](medledger_ink::Purpose::Research), and
//! the requester the chain judges is the study contract's own account: a patient grants
//! research access to the study, not to the researcher. Every payment asks the chain again
//! (the consent chain extension's `access_decision`), so a patient who revokes is paid no
//! more: the first check or follow-up that finds the consent gone ends the participation.
//!
//! ## Invariants
//!
//! - A patient enrolls at most once, ever: a participant who withdrew cannot re-enroll.
//! - At most `max_participants` patients enroll; none at or after the deadline or once closed.
//! - Every payment (reward, follow-up) is made while the chain allows the study's access.
//! - A participant is paid at most one follow-up.
//! - Only the researcher pays follow-ups and closes the study; closing returns the rest.
//!
//! ## Calls
//!
//! | Message | Caller | Pays | Events |
//! |---------|--------|------|--------|
//! | `new` (payable) | researcher | the budget in | `Instantiated` |
//! | `enroll` | patient | reward to the patient | `Enrolled` |
//! | `check` | anyone | - | `ParticipationEnded` if consent is gone |
//! | `follow_up` | researcher | follow-up reward to the participant | `FollowUpPaid` or `ParticipationEnded` |
//! | `close` | researcher | the rest to the researcher | `Closed` |
//!
//! A message that returns `Err` reverts everything it did, events included; so the outcomes
//! that must stay (a participation ended) are `Ok` values ([`FollowUp::Ended`], `check`'s
//! `false`).

#![cfg_attr(not(feature = "std"), no_std, no_main)]
// The SCALE derives of enums with data cast a variant's index to `u8`, which the cast lints
// that `cargo contract` turns on refuse; the indexes are a handful, so nothing truncates.
#![allow(clippy::cast_possible_truncation)]
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

#[ink::contract(env = medledger_ink::MedLedgerEnvironment)]
pub mod research_study {
	use ink::storage::Mapping;
	use medledger_ink::{CategorySet, Denial, GrantId, Purpose, RecordId};

	/// The study's terms, fixed when it is instantiated.
	#[derive(Clone, Copy, PartialEq, Eq, Debug, scale::Encode, scale::Decode)]
	#[cfg_attr(feature = "std", derive(scale_info::TypeInfo, ink::storage::traits::StorageLayout))]
	pub struct Terms {
		/// The account that instantiated the study: it pays follow-ups and closes the study.
		pub researcher: AccountId,
		/// The categories of records the study reads: a participant's consent must cover all.
		pub categories: CategorySet,
		/// What a patient receives on enrolling.
		pub reward: Balance,
		/// What a participant receives for the one follow-up.
		pub follow_up_reward: Balance,
		/// How many patients may enroll.
		pub max_participants: u32,
		/// The first block at which the study no longer enrolls nor follows up, and from which
		/// the researcher may close it.
		pub deadline: BlockNumber,
		/// The hash of the study's protocol, the document patients consent to.
		pub protocol: Hash,
		/// The record classes that make a patient eligible; empty: every patient is.
		pub eligible: CategorySet,
		/// What the researcher transferred at instantiation.
		pub budget: Balance,
	}

	/// A patient's participation.
	#[derive(Clone, Copy, PartialEq, Eq, Debug, scale::Encode, scale::Decode)]
	#[cfg_attr(feature = "std", derive(scale_info::TypeInfo, ink::storage::traits::StorageLayout))]
	pub struct Participant {
		/// The block the patient enrolled at.
		pub enrolled_at: BlockNumber,
		/// The patient's grant to the study that allowed the enrolment.
		pub grant: GrantId,
		/// Whether the follow-up was paid.
		pub follow_up_paid: bool,
		/// Whether the participation goes on: `false` once a check found the consent gone.
		pub active: bool,
	}

	/// What a follow-up came to.
	#[derive(Clone, Copy, PartialEq, Eq, Debug, scale::Encode, scale::Decode)]
	#[cfg_attr(feature = "std", derive(scale_info::TypeInfo))]
	pub enum FollowUp {
		/// The participant was paid this amount.
		Paid(Balance),
		/// The participant's consent no longer held, for this reason: the participation ended
		/// and nothing was paid.
		Ended(Denial),
	}

	/// Why the study refused a call. Nothing changed.
	#[derive(Clone, Copy, PartialEq, Eq, Debug, scale::Encode, scale::Decode)]
	#[cfg_attr(feature = "std", derive(scale_info::TypeInfo))]
	pub enum StudyError {
		/// The deadline has come: no more enrolments or follow-ups.
		PastDeadline,
		/// The study is closed.
		Closed,
		/// The patient enrolled before (perhaps withdrew since): once only.
		AlreadyEnrolled,
		/// The study has as many participants as its terms allow.
		Full,
		/// The caller is not a registered patient.
		NotAPatient,
		/// The chain does not allow the study research access to the patient's records of the
		/// study's categories, for this reason. The patient may grant it to the study's account.
		NoConsent(Denial),
		/// The evidence record is missing, unknown, of another patient, of a class the study
		/// does not take, or held by a provider that is not active.
		NotEligible,
		/// The study's balance cannot pay the reward.
		BudgetExhausted,
		/// Only the researcher may do this.
		NotResearcher,
		/// The account never enrolled.
		NotParticipant,
		/// The participation has ended.
		NotActive,
		/// The participant's follow-up was paid already.
		AlreadyPaid,
		/// The study may be closed only from its deadline on.
		DeadlineNotReached,
		/// The chain refused the transfer (e.g. it would create an account below the
		/// existential deposit).
		TransferFailed,
	}

	/// The study was opened.
	#[ink(event)]
	pub struct Instantiated {
		/// The researcher.
		#[ink(topic)]
		pub researcher: AccountId,
		/// The budget transferred.
		pub budget: Balance,
		/// The hash of the protocol.
		pub protocol: Hash,
	}

	/// A patient enrolled and was paid the reward.
	#[ink(event)]
	pub struct Enrolled {
		/// The patient.
		#[ink(topic)]
		pub patient: AccountId,
		/// The reward paid.
		pub reward: Balance,
	}

	/// A participant was paid the follow-up.
	#[ink(event)]
	pub struct FollowUpPaid {
		/// The participant.
		#[ink(topic)]
		pub patient: AccountId,
		/// The amount paid.
		pub amount: Balance,
	}

	/// A participation ended because the patient's consent no longer held.
	#[ink(event)]
	pub struct ParticipationEnded {
		/// The patient.
		#[ink(topic)]
		pub patient: AccountId,
		/// Why the chain no longer allows the study's access.
		pub reason: Denial,
	}

	/// The researcher closed the study and took back the rest of the budget.
	#[ink(event)]
	pub struct Closed {
		/// The amount returned to the researcher.
		pub returned: Balance,
	}

	/// The study: its terms and its participants.
	#[ink(storage)]
	pub struct ResearchStudy {
		/// The terms, fixed at instantiation.
		terms: Terms,
		/// Every patient who ever enrolled.
		roster: Mapping<AccountId, Participant>,
		/// How many patients ever enrolled (withdrawn ones included: they were paid).
		enrolled: u32,
		/// Whether the researcher closed the study.
		closed: bool,
	}

	impl ResearchStudy {
		/// Opens a study on the given terms; the caller is the researcher and the value
		/// transferred the budget. Patients consent by granting the study's account access to
		/// `categories` for research.
		///
		/// # Events
		/// `Instantiated`.
		#[ink(constructor, payable)]
		pub fn new(
			categories: CategorySet,
			reward: Balance,
			follow_up_reward: Balance,
			max_participants: u32,
			deadline: BlockNumber,
			protocol: Hash,
			eligible: CategorySet,
		) -> Self {
			let researcher = Self::env().caller();
			let budget = Self::env().transferred_value();
			Self::env().emit_event(Instantiated { researcher, budget, protocol });
			Self {
				terms: Terms {
					researcher,
					categories,
					reward,
					follow_up_reward,
					max_participants,
					deadline,
					protocol,
					eligible,
					budget,
				},
				roster: Mapping::default(),
				enrolled: 0,
				closed: false,
			}
		}

		/// Enrolls the caller, a patient, and pays the reward. `evidence` is a record of the
		/// caller's that shows eligibility; it is needed only when the terms name eligible
		/// classes.
		///
		/// # Errors
		/// `Closed`, `PastDeadline`, `AlreadyEnrolled`, `Full`, `NotAPatient`,
		/// `NoConsent(reason)`, `NotEligible`, `BudgetExhausted`, `TransferFailed`.
		///
		/// # Events
		/// `Enrolled`.
		#[ink(message)]
		pub fn enroll(&mut self, evidence: Option<RecordId>) -> Result<(), StudyError> {
			let patient = self.env().caller();
			self.ensure_open()?;
			if self.roster.contains(patient) {
				return Err(StudyError::AlreadyEnrolled);
			}
			if self.enrolled >= self.terms.max_participants {
				return Err(StudyError::Full);
			}
			if !self.env().extension().is_patient(patient) {
				return Err(StudyError::NotAPatient);
			}
			let grant = self.consent_of(patient).map_err(StudyError::NoConsent)?;
			self.ensure_eligible(patient, evidence)?;
			let enrolled = self.enrolled.checked_add(1).ok_or(StudyError::Full)?;
			let reward = self.terms.reward;
			self.pay(patient, reward)?;
			let participant = Participant {
				enrolled_at: self.env().block_number(),
				grant,
				follow_up_paid: false,
				active: true,
			};
			self.roster.insert(patient, &participant);
			self.enrolled = enrolled;
			self.env().emit_event(Enrolled { patient, reward });
			Ok(())
		}

		/// Whether `patient` takes part and their consent still holds. Anyone may call it: if
		/// the consent is gone, the participation ends here (and stays ended).
		///
		/// # Events
		/// `ParticipationEnded` when it ends the participation.
		#[ink(message)]
		pub fn check(&mut self, patient: AccountId) -> bool {
			let Some(participant) = self.roster.get(patient) else {
				return false;
			};
			if !participant.active {
				return false;
			}
			match self.consent_of(patient) {
				Ok(_) => true,
				Err(reason) => {
					self.end_participation(patient, participant, reason);
					false
				},
			}
		}

		/// Pays `patient` the follow-up reward if their consent still holds; otherwise ends the
		/// participation and pays nothing (`Ok(FollowUp::Ended(reason))`). Researcher only,
		/// before the deadline.
		///
		/// # Errors
		/// `NotResearcher`, `Closed`, `PastDeadline`, `NotParticipant`, `NotActive`,
		/// `AlreadyPaid`, `BudgetExhausted`, `TransferFailed`.
		///
		/// # Events
		/// `FollowUpPaid`, or `ParticipationEnded`.
		#[ink(message)]
		pub fn follow_up(&mut self, patient: AccountId) -> Result<FollowUp, StudyError> {
			self.ensure_researcher()?;
			self.ensure_open()?;
			let mut participant = self.roster.get(patient).ok_or(StudyError::NotParticipant)?;
			if !participant.active {
				return Err(StudyError::NotActive);
			}
			if participant.follow_up_paid {
				return Err(StudyError::AlreadyPaid);
			}
			if let Err(reason) = self.consent_of(patient) {
				self.end_participation(patient, participant, reason);
				return Ok(FollowUp::Ended(reason));
			}
			let amount = self.terms.follow_up_reward;
			self.pay(patient, amount)?;
			participant.follow_up_paid = true;
			self.roster.insert(patient, &participant);
			self.env().emit_event(FollowUpPaid { patient, amount });
			Ok(FollowUp::Paid(amount))
		}

		/// Closes the study and returns the whole remaining balance to the researcher.
		/// Researcher only, from the deadline on. Returns the amount returned.
		///
		/// # Errors
		/// `NotResearcher`, `Closed`, `DeadlineNotReached`, `TransferFailed`.
		///
		/// # Events
		/// `Closed`.
		#[ink(message)]
		pub fn close(&mut self) -> Result<Balance, StudyError> {
			self.ensure_researcher()?;
			if self.closed {
				return Err(StudyError::Closed);
			}
			if self.env().block_number() < self.terms.deadline {
				return Err(StudyError::DeadlineNotReached);
			}
			let returned = self.env().balance();
			self.env()
				.transfer(self.terms.researcher, returned)
				.map_err(|_| StudyError::TransferFailed)?;
			self.closed = true;
			self.env().emit_event(Closed { returned });
			Ok(returned)
		}

		/// The study's terms.
		#[ink(message)]
		pub fn terms(&self) -> Terms {
			self.terms
		}

		/// `patient`'s participation, if they ever enrolled.
		#[ink(message)]
		pub fn participant(&self, patient: AccountId) -> Option<Participant> {
			self.roster.get(patient)
		}

		/// How many patients ever enrolled, those whose participation ended included.
		#[ink(message)]
		pub fn participants(&self) -> u32 {
			self.enrolled
		}

		/// What is left to pay rewards with: the study's transferable balance.
		#[ink(message)]
		pub fn budget_left(&self) -> Balance {
			self.env().balance()
		}

		/// The patient's grant to the study itself that gives it research access to the
		/// patient's records of the study's categories, or why there is none. Access the chain
		/// allows the study's account through a clinic that made it its practitioner is no
		/// consent to the study.
		fn consent_of(&self, patient: AccountId) -> Result<GrantId, Denial> {
			let study = self.env().account_id();
			self.env()
				.extension()
				.access_decision(study, patient, self.terms.categories, Purpose::Research)
				.granted_to(patient, study, |grant| self.env().extension().grant_parties(grant))
		}

		/// Whether `evidence` shows `patient` eligible: a record of theirs, of an eligible
		/// class, held by an active provider. Always so when the terms name no class.
		fn ensure_eligible(
			&self,
			patient: AccountId,
			evidence: Option<RecordId>,
		) -> Result<(), StudyError> {
			if self.terms.eligible.is_empty() {
				return Ok(());
			}
			let facts = evidence
				.and_then(|record| self.env().extension().record(record))
				.ok_or(StudyError::NotEligible)?;
			let eligible = facts.patient == patient
				&& self.terms.eligible.contains(facts.category)
				&& self.env().extension().is_active_provider(facts.custodian);
			if eligible {
				Ok(())
			} else {
				Err(StudyError::NotEligible)
			}
		}

		/// Refuses unless the study still enrolls and follows up.
		fn ensure_open(&self) -> Result<(), StudyError> {
			if self.closed {
				return Err(StudyError::Closed);
			}
			if self.env().block_number() >= self.terms.deadline {
				return Err(StudyError::PastDeadline);
			}
			Ok(())
		}

		/// Refuses unless the caller is the researcher.
		fn ensure_researcher(&self) -> Result<(), StudyError> {
			if self.env().caller() == self.terms.researcher {
				Ok(())
			} else {
				Err(StudyError::NotResearcher)
			}
		}

		/// Pays `amount` from the budget to `patient`.
		fn pay(&mut self, patient: AccountId, amount: Balance) -> Result<(), StudyError> {
			if self.env().balance() < amount {
				return Err(StudyError::BudgetExhausted);
			}
			self.env().transfer(patient, amount).map_err(|_| StudyError::TransferFailed)
		}

		/// Ends `patient`'s participation because their consent no longer holds.
		fn end_participation(
			&mut self,
			patient: AccountId,
			mut participant: Participant,
			reason: Denial,
		) {
			participant.active = false;
			self.roster.insert(patient, &participant);
			self.env().emit_event(ParticipationEnded { patient, reason });
		}
	}
}

// Outside the contract module: rustc refuses an out-of-line module in the input of a proc macro
// such as `#[ink::contract]`.
#[cfg(test)]
mod tests;
