package com.veza.erasure.deletion;

public record ReceiptRecord(LedgerRef ref, DeletionReceipt receipt) {}
