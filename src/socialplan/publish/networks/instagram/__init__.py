"""Instagram: a professional account's posts through the Graph API's content publishing."""
