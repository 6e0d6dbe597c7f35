/*
 * kit.h — status codes shared by every chapter's functions.
 *
 * Every exercise function returns one of these. On any error the function
 * writes nothing to its outputs, so a caller's buffers are never left half
 * filled.
 */
#ifndef KIT_H
#define KIT_H

enum kit_status {
    KIT_OK = 0,          /* success: every output was written                       */
    KIT_ERR_NULL = -1,   /* a required pointer argument is NULL                     */
    KIT_ERR_SIZE = -2,   /* a size is zero where it may not be, or too large        */
    KIT_ERR_DOMAIN = -3, /* a value lies outside its domain (base <= 1, NaN, …)    */
    KIT_TODO = -99       /* returned by the stubs: the function is not written yet */
};

#endif /* KIT_H */
