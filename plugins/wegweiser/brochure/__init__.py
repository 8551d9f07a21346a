"""The printed brochure: every published offer as an accessible PDF (PDF/UA-1) with contents,
indexes by place and topic, QR codes to the offer pages and the indicator charts."""
