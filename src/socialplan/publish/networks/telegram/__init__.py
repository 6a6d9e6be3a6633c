"""Telegram: channel posts sent by a bot through the Bot API, which cannot read them back."""
