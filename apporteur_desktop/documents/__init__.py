"""Invoices, credit notes, statements and contract drafts: values in, bytes out."""
