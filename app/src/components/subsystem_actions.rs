//! What each entry of the 子系統管理 list can do (更換密鑰, 停用/啟用, 編輯), shared by the
//! entries: the page's actions, so that the list is read again after them, and which entry
//! acted last, so that its answer (a secret, a refusal, a request to verify) is said there
//! even after the list is drawn anew.

use leptos::prelude::*;

use crate::{
    error::AppError,
    provider::Registration,
    server_fns::{RotateSubsystemSecret, SetSubsystemActive},
};

/// An entry's action.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SubsystemAct {
    RotateSecret,
    SetActive(bool),
}

#[derive(Clone, Copy)]
pub struct SubsystemActions {
    pub rotate: ServerAction<RotateSubsystemSecret>,
    pub switch: ServerAction<SetSubsystemActive>,
    /// The subsystem acted on last, and how.
    last: RwSignal<Option<(String, SubsystemAct)>>,
    /// 編輯: the registration into the form.
    pub edit: Callback<Registration>,
}

impl SubsystemActions {
    pub fn new(
        rotate: ServerAction<RotateSubsystemSecret>,
        switch: ServerAction<SetSubsystemActive>,
        edit: Callback<Registration>,
    ) -> SubsystemActions {
        SubsystemActions { rotate, switch, last: RwSignal::new(None), edit }
    }

    pub fn send(&self, code: &str, act: SubsystemAct) {
        self.last.set(Some((code.to_string(), act)));
        let code = code.to_string();
        match act {
            SubsystemAct::RotateSecret => {
                self.rotate.dispatch(RotateSubsystemSecret { code });
            }
            SubsystemAct::SetActive(active) => {
                self.switch.dispatch(SetSubsystemActive { code, active });
            }
        }
    }

    /// The last action again (after the verification it asked for).
    pub fn resend(&self) {
        if let Some((code, act)) = self.last.get_untracked() {
            self.send(&code, act);
        }
    }

    /// Whether either action is under way.
    pub fn pending(&self) -> bool {
        self.rotate.pending().get() || self.switch.pending().get()
    }

    /// The last answer, if `code` was acted on last: the new secret, or the refusal.
    fn answer(&self, code: &str) -> Option<Result<Option<String>, AppError>> {
        let act = self.last.with(|l| l.as_ref().filter(|(c, _)| c == code).map(|(_, act)| *act))?;
        match act {
            SubsystemAct::RotateSecret => self.rotate.value().get().map(|r| r.map(Some)),
            SubsystemAct::SetActive(_) => self.switch.value().get().map(|r| r.map(|()| None)),
        }
    }

    /// The secret just made for `code`, to show once.
    pub fn secret(&self, code: &str) -> Option<String> {
        self.answer(code).and_then(|a| a.ok().flatten())
    }

    /// Why the last action on `code` was refused.
    pub fn refusal(&self, code: &str) -> Option<AppError> {
        self.answer(code).and_then(|a| a.err())
    }

    /// Closes the new secret's box.
    pub fn forget(&self) {
        self.last.set(None);
    }
}
