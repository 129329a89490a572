/** The repairs module as routes and other modules call it; the rules live in the files named here. */
export { maySeeTicket, maySeeTicketNotes, notePhotoTarget, photoTarget } from './access'
export { createFromOpen311, createRepair, type Open311Ticket } from './create'
export { getRepair, listRepairs, listWorkers } from './read'
export { autoCloseResolved, comment, meToo, rate, transition, urge } from './transitions'
