package org.imsajames.outgoing;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

import org.apache.james.queue.api.MailQueue;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.james.queue.api.MailQueueName;
import org.apache.mailet.Mail;
import org.reactivestreams.Publisher;

import reactor.core.publisher.Flux;

/**
 * The mail queue factory our RemoteDelivery is built with: James's own queues, each item wrapped so that one delivery
 * attempt is bracketed by a {@link DeliveryAttempt}. DeliveryRunnable takes the item's mail (getMail), delivers,
 * re-enqueues it with a delay for a retry, bounces it, or neither (delivered), then calls done(), all on one thread;
 * at done() the attempt is handed to {@code onAttemptEnd} with the outcome. Nothing is changed in what James does.
 */
final class AttemptRecordingMailQueueFactory implements MailQueueFactory<MailQueue> {
    private final MailQueueFactory<?> queues;
    private final AttemptEndListener onAttemptEnd;
    private final ClassLoader ourClassLoader;

    /** Called once per attempt, on the delivery thread, after James has decided what becomes of the mail. */
    interface AttemptEndListener {
        void attemptEnded(Mail mail, DeliveryAttempt attempt);
    }

    AttemptRecordingMailQueueFactory(MailQueueFactory<?> queues, AttemptEndListener onAttemptEnd) {
        this.queues = queues;
        this.onAttemptEnd = onAttemptEnd;
        this.ourClassLoader = AttemptRecordingMailQueueFactory.class.getClassLoader();
    }

    @Override
    public Optional<MailQueue> getQueue(MailQueueName name, PrefetchCount count) {
        return queues.getQueue(name, count).map(this::recording);
    }

    @Override
    public MailQueue createQueue(MailQueueName name, PrefetchCount count) {
        return recording(queues.createQueue(name, count));
    }

    @Override
    public Set<MailQueueName> listCreatedMailQueues() {
        return queues.listCreatedMailQueues();
    }

    private MailQueue recording(MailQueue queue) {
        return new RecordingQueue(queue);
    }

    private final class RecordingQueue implements MailQueue {
        private final MailQueue queue;

        RecordingQueue(MailQueue queue) {
            this.queue = queue;
        }

        @Override
        public MailQueueName getName() {
            return queue.getName();
        }

        /** DeliveryRunnable.reAttemptDelivery: a retry of the attempt running on this thread. */
        @Override
        public void enQueue(Mail mail, Duration delay) throws MailQueueException {
            DeliveryAttempt.current().ifPresent(DeliveryAttempt::requeued);
            queue.enQueue(mail, delay);
        }

        @Override
        public void enQueue(Mail mail) throws MailQueueException {
            queue.enQueue(mail);
        }

        @Override
        public Publisher<Void> enqueueReactive(Mail mail) {
            return queue.enqueueReactive(mail);
        }

        @Override
        public Publisher<MailQueueItem> deQueue() {
            return Flux.from(queue.deQueue()).map(RecordingItem::new);
        }

        @Override
        public void close() throws java.io.IOException {
            queue.close();
        }
    }

    private final class RecordingItem implements MailQueue.MailQueueItem {
        private final MailQueue.MailQueueItem item;
        private DeliveryAttempt attempt;
        private ClassLoader previousContextLoader;

        RecordingItem(MailQueue.MailQueueItem item) {
            this.item = item;
        }

        /** DeliveryRunnable.processMail takes the mail once, on the delivery thread, before delivering it. */
        @Override
        public Mail getMail() {
            if (attempt == null) {
                attempt = DeliveryAttempt.begin();
                // JavaMail loads the socket factory classes named in its properties through the context class
                // loader; James's delivery threads have James's, which does not see extensions-jars/.
                Thread thread = Thread.currentThread();
                previousContextLoader = thread.getContextClassLoader();
                thread.setContextClassLoader(ourClassLoader);
                attempt.taken(item.getMail());
            }
            return item.getMail();
        }

        @Override
        public void done(CompletionStatus status) throws MailQueue.MailQueueException {
            try {
                item.done(status);
            } finally {
                finish(item.getMail());
            }
        }

        private void finish(Mail mail) {
            if (attempt == null) {
                return;
            }
            try {
                onAttemptEnd.attemptEnded(mail, attempt);
            } finally {
                DeliveryAttempt.end();
                Thread.currentThread().setContextClassLoader(previousContextLoader);
                attempt = null;
            }
        }
    }
}
