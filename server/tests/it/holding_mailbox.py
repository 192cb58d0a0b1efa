"""An SMTP mailbox (aiosmtpd) that holds its answer to the first message for a minute, so a
test can kill the sender in the middle of the exchange. Like a real mail server, it keeps a
message only once it has answered 250; a sender that is gone by then has sent nothing. It
creates the file `holding` in the maildir when the first message's data has arrived."""

import asyncio
import os

from aiosmtpd.handlers import Mailbox


class HoldingMailbox(Mailbox):
    held = False

    async def handle_DATA(self, server, session, envelope):
        if not HoldingMailbox.held:
            HoldingMailbox.held = True
            open(os.path.join(self.mail_dir, "holding"), "w").close()
            # aiosmtpd cancels this when the connection is lost.
            await asyncio.sleep(60)
            if server.transport is None or server.transport.is_closing():
                return "421 closing"
        return await super().handle_DATA(server, session, envelope)
